package dev.cogworks.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogworks.sim.voice.VoiceTls;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("HTTP sources: private addresses refused after resolution and on every redirect")
class UrlGuardTest {
  @TempDir Path dir;
  private LocalHttp web;
  private final Map<String, Integer> asked = new ConcurrentHashMap<>();

  /** Names resolve as the test says; nothing here ever reaches a private range. */
  private InetAddress[] resolve(String host) throws UnknownHostException {
    asked.merge(host, 1, Integer::sum);
    return switch (host) {
      case "media.example" ->
          new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 5})};
      case "metadata.example" ->
          new InetAddress[] {
            InetAddress.getByAddress(
                host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})
          };
      case "localhost", "music.local" ->
          new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
      default -> InetAddress.getAllByName(host);
    };
  }

  @BeforeEach
  void serve() {
    Clips.tone(dir.resolve("www/tone.wav"), 440, 200, 0.5);
    web = new LocalHttp(dir.resolve("www"));
  }

  @AfterEach
  void stop() {
    web.close();
  }

  private Rig rig(List<String> allowPrivate, List<String> deny) {
    return new Rig(Rig.config(dir.resolve("media"), 128, 0.5, allowPrivate, deny), this::resolve);
  }

  @Test
  @DisplayName(
      "a name resolving to 10.0.0.5 or 169.254.169.254 is refused; no connection is attempted")
  void privateAfterResolution() {
    try (Rig rig = rig(List.of(), List.of())) {
      assertThatThrownBy(() -> rig.loader.load("http://media.example/x.wav"))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining("media.example leads to a private or local address");
      assertThatThrownBy(() -> rig.loader.load("http://metadata.example/latest"))
          .hasMessageContaining("private or local address");
      assertThat(asked).containsKeys("media.example", "metadata.example");
      assertThat(rig.http.connections()).isZero();
    }
  }

  @Test
  @DisplayName("loopback is refused unless allowed; the deny list refuses before any lookup")
  void loopbackAndLists() {
    try (Rig rig = rig(List.of(), List.of("music.local"))) {
      assertThatThrownBy(() -> rig.loader.load(web.url("127.0.0.1", "tone.wav")))
          .hasMessageContaining("127.0.0.1 leads to a private or local address");
      assertThatThrownBy(() -> rig.loader.load(web.url("music.local", "tone.wav")))
          .hasMessageContaining("music.local is not allowed here");
      assertThatThrownBy(() -> rig.loader.load("file:///etc/passwd"))
          .isInstanceOf(LoadException.class);
      assertThat(asked).doesNotContainKey("music.local");
      assertThat(rig.http.connections()).isZero();
      assertThat(web.requests).hasValue(0);
    }
  }

  @Test
  @DisplayName("a non-empty allow list: only its hosts are played from, refused before any lookup")
  void allowList() throws Exception {
    MusicConfig config =
        new MusicConfig(
            dir.resolve("media"),
            128,
            0.5,
            java.time.Duration.ofHours(3),
            java.time.Duration.ofMinutes(5),
            0.5,
            List.of("localhost"),
            List.of(),
            List.of("localhost", "127.0.0.1"),
            262_144);
    try (Rig rig = new Rig(config, this::resolve)) {
      assertThat(rig.loader.load(web.url("localhost", "tone.wav"))).hasSize(1);
      assertThatThrownBy(() -> rig.loader.load(web.url("127.0.0.1", "tone.wav")))
          .hasMessageContaining("127.0.0.1 is not on this bot's list of allowed hosts");
      assertThat(asked).doesNotContainKey("127.0.0.1");
    }
  }

  @Test
  @DisplayName("an allowed local server: 200 loads, a 404 is nothing playable")
  void allowedServer() throws Exception {
    try (Rig rig = rig(List.of("127.0.0.1"), List.of())) {
      assertThat(rig.loader.load(web.url("127.0.0.1", "tone.wav")))
          .singleElement()
          .satisfies(t -> assertThat(t.getDuration()).isBetween(150L, 250L));
      assertThatThrownBy(() -> rig.loader.load(web.url("127.0.0.1", "missing.wav")))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining("nothing playable at that URL");
      assertThat(rig.http.connections()).isPositive();
    }
  }

  @Test
  @DisplayName(
      "an allowed origin (host:port, as the sandbox allows its own server) plays; the same host on"
          + " another port is refused before any connection, also when redirected to")
  void allowedOriginOnly() throws Exception {
    try (LocalHttp other = new LocalHttp(dir.resolve("www"));
        Rig rig = rig(List.of("127.0.0.1:" + web.port()), List.of())) {
      assertThat(rig.loader.load(web.url("127.0.0.1", "tone.wav"))).hasSize(1);
      long opened = rig.http.connections();
      assertThatThrownBy(() -> rig.loader.load(other.url("127.0.0.1", "tone.wav")))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining(
              "127.0.0.1:" + other.port() + " leads to a private or local address");
      String redirected =
          web.url("127.0.0.1", "redirect?to=")
              + URLEncoder.encode(other.url("127.0.0.1", "tone.wav"), StandardCharsets.UTF_8);
      assertThatThrownBy(() -> rig.loader.load(redirected))
          .hasMessageContaining("127.0.0.1:" + other.port() + " leads to a private");
      assertThat(other.requests).as("nothing reached the other port").hasValue(0);
      assertThat(rig.http.connections()).as("only the redirect's first hop").isEqualTo(opened + 1);
    }
  }

  @Test
  @DisplayName(
      "a redirect from an allowed host to a refused address is refused; to an allowed one it plays")
  void redirects() throws Exception {
    try (Rig rig = rig(List.of("localhost"), List.of())) {
      String toLoopback =
          web.url("localhost", "redirect?to=")
              + URLEncoder.encode(web.url("127.0.0.1", "tone.wav"), StandardCharsets.UTF_8);
      assertThatThrownBy(() -> rig.loader.load(toLoopback))
          .hasMessageContaining("127.0.0.1 leads to a private or local address");
      assertThat(web.requests).as("only the first hop was fetched").hasValue(1);

      String toAllowed =
          web.url("localhost", "redirect?to=")
              + URLEncoder.encode(web.url("localhost", "tone.wav"), StandardCharsets.UTF_8);
      assertThat(rig.loader.load(toAllowed)).hasSize(1);
    }
  }

  @Test
  @DisplayName("what counts as private: loopback, RFC 1918, link-local, CGNAT, ULA; public is fine")
  void privateRanges() throws Exception {
    for (String ip :
        List.of(
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.1.1",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1")) {
      assertThat(UrlGuard.isPrivate(InetAddress.getByName(ip))).as(ip).isTrue();
    }
    for (String ip : List.of("93.184.216.34", "8.8.8.8", "2606:4700::1111")) {
      assertThat(UrlGuard.isPrivate(InetAddress.getByName(ip))).as(ip).isFalse();
    }
  }

  @Test
  @DisplayName(
      "HTTPS: a server with a trusted certificate plays; an untrusted one is refused with why; a"
          + " private address over HTTPS is refused before any connection")
  void https() throws Exception {
    VoiceTls tls = VoiceTls.generate();
    Path trustStore = dir.resolve("trust.p12");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("test-server", tls.certificate());
    try (var out = java.nio.file.Files.newOutputStream(trustStore)) {
      trust.store(out, "changeit".toCharArray());
    }
    Map<String, String> before = new java.util.HashMap<>();
    for (String key :
        List.of(
            "javax.net.ssl.trustStore",
            "javax.net.ssl.trustStoreType",
            "javax.net.ssl.trustStorePassword")) {
      before.put(key, System.getProperty(key));
    }
    try (LocalHttp secure = new LocalHttp(dir.resolve("www"), tls.serverContext());
        Rig rig = rig(List.of("127.0.0.1"), List.of())) {
      // The JVM's default trust, as on a real host (a public CA there; this test's certificate
      // here): the cog adds no trust of its own.
      assertThatThrownBy(() -> rig.loader.load(secure.url("127.0.0.1", "tone.wav")))
          .isInstanceOf(LoadException.class);
      System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
      System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
      System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
      try (Rig trusting = rig(List.of("127.0.0.1"), List.of())) {
        assertThat(trusting.loader.load(secure.url("127.0.0.1", "tone.wav")))
            .singleElement()
            .satisfies(t -> assertThat(t.getDuration()).isBetween(150L, 250L));
        assertThat(trusting.http.connections()).isPositive();
      }
      try (Rig guarded = rig(List.of(), List.of())) {
        int served = secure.requests.get();
        assertThatThrownBy(() -> guarded.loader.load("https://media.example/x.wav"))
            .hasMessageContaining("media.example leads to a private or local address");
        assertThatThrownBy(() -> guarded.loader.load(secure.url("127.0.0.1", "tone.wav")))
            .hasMessageContaining("leads to a private or local address");
        assertThat(guarded.http.connections()).isZero();
        assertThat(secure.requests).hasValue(served);
      }
    } finally {
      before.forEach(
          (key, value) -> {
            if (value == null) {
              System.clearProperty(key);
            } else {
              System.setProperty(key, value);
            }
          });
    }
  }
}
