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
 * discord.voice.trust_store} (a PKCS12 file).
 */
public final class VoiceTls {
  private VoiceTls() {}

  /** A websocket factory trusting the store at {@code path} (with {@code password}). */
  public static WebSocketFactory trusting(Path path, String password) {
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return new WebSocketFactory().setSSLContext(context);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "discord.voice.trust_store = " + path + " cannot be read as PKCS12: " + e, e);
    }
  }
}
