package dev.cogworks.core.internal.voice;

import com.neovisionaries.ws.client.WebSocketFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS trust for the voice gateway. JDA always speaks {@code wss://} to it; Discord's is trusted
 * by the JVM, discord-sim's carries a certificate of its own, trusted through {@code
 * discord.voice.trust_store}: a PEM certificate (what the simulator hands out) or a PKCS12 store.
 */
public final class VoiceTls {
  private VoiceTls() {}

  /** A websocket factory trusting the certificate or store at {@code path}. */
  public static WebSocketFactory trusting(Path path, String password) {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readAllBytes();
      KeyStore store;
      if (new String(
              bytes, 0, Math.min(bytes.length, 64), java.nio.charset.StandardCharsets.US_ASCII)
          .contains("-----BEGIN CERTIFICATE-----")) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (var certificate :
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificates(new java.io.ByteArrayInputStream(bytes))) {
          store.setCertificateEntry("voice-" + i++, certificate);
        }
      } else {
        store = KeyStore.getInstance("PKCS12");
        store.load(new java.io.ByteArrayInputStream(bytes), password.toCharArray());
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return new WebSocketFactory().setSSLContext(context);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "discord.voice.trust_store = " + path + " is neither a PEM certificate nor PKCS12: " + e,
          e);
    }
  }
}
