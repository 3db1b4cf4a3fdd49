package dev.cogworks.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.model.SimBot;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Gateway limits, on a bare WebSocket: the close codes Discord gives (audit C3-C17)")
class GatewayLimitsTest {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private DiscordSim sim;
  private SimBot bot;

  private void start(SimOptions options) {
    sim = DiscordSim.start(options);
    bot = sim.control().createBot("cogworks");
  }

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private static String padded(String json, int bytes) {
    return json.substring(0, json.length() - 1)
        + " ".repeat(bytes - json.length())
        + json.substring(json.length() - 1);
  }

  @ParameterizedTest(name = "v={0} gets HELLO")
  @ValueSource(strings = {"10", "9", "8", "6"})
  @DisplayName("C12: versions Discord still serves get HELLO")
  void supportedVersionsConnect(String version) {
    start(SimOptions.defaults());
    try (RawGateway gateway = RawGateway.connect(sim, "?v=" + version + "&encoding=json")) {
      await().untilAsserted(() -> assertThat(gateway.frames(10, null)).hasSize(1));
    }
  }

  @ParameterizedTest(name = "v={0} closes 4012")
  @ValueSource(strings = {"5", "3", "11", "ten"})
  @DisplayName("C12: a discontinued or unknown version closes 4012 before HELLO")
  void unsupportedVersionCloses4012(String version) {
    start(SimOptions.defaults());
    try (RawGateway gateway = RawGateway.connect(sim, "?v=" + version + "&encoding=json")) {
      assertThat(gateway.closeCode(CLOSE_WAIT)).isEqualTo(4012);
      assertThat(gateway.frameCount()).isZero();
    }
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {"encoding=etf", "encoding=xml", "compress=zstd-stream"})
  @DisplayName("C17: a client that asked for ETF (or zstd) never gets JSON: closed 4002 first")
  void unservedEncodingIsRefused(String query) {
    start(SimOptions.defaults());
    try (RawGateway gateway = RawGateway.connect(sim, "?v=10&" + query)) {
      assertThat(gateway.closeCode(CLOSE_WAIT)).isEqualTo(4002);
      assertThat(gateway.frameCount()).isZero();
    }
  }

  @Test
  @DisplayName("C9: a payload of 4,096 bytes is accepted; 4,097 closes 4002")
  void payloadOverFourKilobytesCloses4002() {
    start(SimOptions.defaults());
    try (RawGateway gateway = RawGateway.connect(sim)) {
      gateway.send(padded("{\"op\":1,\"d\":null}", 4096));
      await().untilAsserted(() -> assertThat(gateway.frames(11, null)).hasSize(1));

      gateway.send(padded("{\"op\":1,\"d\":null}", 4097));

      assertThat(gateway.closeCode(CLOSE_WAIT)).isEqualTo(4002);
      assertThat(gateway.frames(11, null)).hasSize(1);
    }
  }

  @Test
  @DisplayName("C8: 120 payloads in 60 s are answered; the 121st closes 4008")
  void over120PayloadsPerMinuteCloses4008() {
    start(SimOptions.defaults());
    try (RawGateway gateway = RawGateway.connect(sim)) {
      for (int i = 0; i < 120; i++) {
        gateway.heartbeat();
      }
      await().untilAsserted(() -> assertThat(gateway.frames(11, null)).hasSize(120));
      assertThat(gateway.isClosed()).isFalse();

      gateway.heartbeat();

      assertThat(gateway.closeCode(CLOSE_WAIT)).isEqualTo(4008);
      assertThat(gateway.frames(11, null)).hasSize(120);
    }
  }

  @Test
  @DisplayName("C11: a presence update before IDENTIFY closes 4003")
  void presenceBeforeIdentifyCloses4003() {
    start(SimOptions.defaults());
    try (RawGateway gateway = RawGateway.connect(sim)) {
      gateway.send(
          "{\"op\":3,\"d\":{\"since\":null,\"activities\":[],\"status\":\"online\",\"afk\":false}}");

      assertThat(gateway.closeCode(CLOSE_WAIT)).isEqualTo(4003);
    }
  }

  @Test
  @DisplayName("C3: a silent connection is closed 4009 after interval + slack, and may RESUME")
  void silentConnectionIsClosedAndResumable() {
    start(
        SimOptions.defaults()
            .withHeartbeatInterval(Duration.ofMillis(500))
            .withHeartbeatSlack(Duration.ofMillis(500)));
    String sessionId;
    try (RawGateway silent = RawGateway.connect(sim)) {
      silent.identify(bot.token, 0, 1);
      await().untilAsserted(() -> assertThat(silent.frames(0, "READY")).hasSize(1));
      sessionId = silent.frames(0, "READY").get(0).path("d").path("session_id").asText();

      // Never before interval + slack (1 s) has passed since HELLO.
      await().pollDelay(Duration.ofMillis(900)).atMost(CLOSE_WAIT).until(silent::isClosed);
      assertThat(silent.closeCode(CLOSE_WAIT)).isEqualTo(4009);
    }

    try (RawGateway again = RawGateway.connect(sim)) {
      again.send(
          "{\"op\":6,\"d\":{\"token\":\""
              + bot.token
              + "\",\"session_id\":\""
              + sessionId
              + "\",\"seq\":1}}");
      await().untilAsserted(() -> assertThat(again.frames(0, "RESUMED")).hasSize(1));
    }
  }

  @Test
  @DisplayName("C3: a connection that heartbeats every interval stays open")
  void heartbeatingConnectionStaysOpen() {
    start(
        SimOptions.defaults()
            .withHeartbeatInterval(Duration.ofMillis(300))
            .withHeartbeatSlack(Duration.ofMillis(700)));
    try (RawGateway gateway = RawGateway.connect(sim)) {
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                gateway.heartbeat();
                return !gateway.isClosed();
              });
    }
  }

  @Test
  @DisplayName(
      "C12: a session that would hold more than 2,500 guilds closes 4011; sharded, it is served")
  void tooManyGuildsNeedSharding() {
    start(SimOptions.defaults().withSessionStartLimit(1000, 2));
    for (int i = 0; i < 2501; i++) {
      sim.control().createGuildOnShard("g" + i, null, i % 2, 2);
    }
    SimBot big = sim.control().createBot("big");
    try (RawGateway unsharded = RawGateway.connect(sim);
        RawGateway sharded = RawGateway.connect(sim)) {
      unsharded.identify(big.token, 0, 1);
      assertThat(unsharded.closeCode(CLOSE_WAIT)).isEqualTo(4011);

      sharded.identify(big.token, 1, 2);
      await().untilAsserted(() -> assertThat(sharded.frames(0, "READY")).hasSize(1));
    }
  }

  @Test
  @DisplayName(
      "C7: a second IDENTIFY in a bucket within 5 s gets op 9 (d=false); other buckets do not")
  void identifiesAreSpacedPerBucket() {
    start(SimOptions.defaults().withSessionStartLimit(1000, 2));
    try (RawGateway first = RawGateway.connect(sim);
        RawGateway sameBucket = RawGateway.connect(sim);
        RawGateway otherBucket = RawGateway.connect(sim)) {
      long start = System.nanoTime();
      first.identify(bot.token, 0, 4);
      await().untilAsserted(() -> assertThat(first.frames(0, "READY")).hasSize(1));

      sameBucket.identify(bot.token, 2, 4); // 2 % 2 == 0 % 2: the same bucket
      otherBucket.identify(bot.token, 1, 4);

      await().untilAsserted(() -> assertThat(sameBucket.frames(9, null)).hasSize(1));
      assertThat(sameBucket.frames(9, null).get(0).path("d").asBoolean(true)).isFalse();
      await().untilAsserted(() -> assertThat(otherBucket.frames(0, "READY")).hasSize(1));
      assertThat(sameBucket.isClosed()).isFalse();

      // Retrying on the same connection, as a client may after op 9, succeeds once 5 s passed.
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                if (sameBucket.frames(0, "READY").isEmpty()) {
                  sameBucket.identify(bot.token, 2, 4);
                }
                assertThat(sameBucket.frames(0, "READY")).hasSize(1);
              });
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
      assertThat(sameBucket.frames(9, null).size()).isGreaterThan(1);
    }
  }

  @Test
  @DisplayName(
      "C7: GET /gateway/bot counts session starts down per IDENTIFY, not per RESUME, and refills"
          + " after 24 h")
  void sessionStartLimitCountsDown() {
    TestClock clock = TestClock.ticking();
    start(SimOptions.defaults().withClock(clock).withSessionStartLimit(5, 1));
    SimHttp http = new SimHttp(sim, bot.token);
    JsonNode fresh = http.get("gateway/bot").json().path("session_start_limit");
    assertThat(fresh.path("total").asInt()).isEqualTo(5);
    assertThat(fresh.path("remaining").asInt()).isEqualTo(5);
    assertThat(fresh.path("max_concurrency").asInt()).isEqualTo(1);

    String sessionId;
    try (RawGateway gateway = RawGateway.connect(sim)) {
      gateway.identify(bot.token, 0, 1);
      await().untilAsserted(() -> assertThat(gateway.frames(0, "READY")).hasSize(1));
      sessionId = gateway.frames(0, "READY").get(0).path("d").path("session_id").asText();
    }
    try (RawGateway resumed = RawGateway.connect(sim)) {
      resumed.send(
          "{\"op\":6,\"d\":{\"token\":\""
              + bot.token
              + "\",\"session_id\":\""
              + sessionId
              + "\",\"seq\":1}}");
      await().untilAsserted(() -> assertThat(resumed.frames(0, "RESUMED")).hasSize(1));
    }

    JsonNode spent = http.get("gateway/bot").json().path("session_start_limit");
    assertThat(spent.path("remaining").asInt()).isEqualTo(4);
    assertThat(spent.path("reset_after").asLong()).isBetween(1L, 86_400_000L);

    clock.advance(Duration.ofHours(24));

    JsonNode refilled = http.get("gateway/bot").json().path("session_start_limit");
    assertThat(refilled.path("remaining").asInt()).isEqualTo(5);
  }

  @Test
  @DisplayName(
      "C7: an IDENTIFY with no session start left ends every session of the app and resets its"
          + " token")
  void exhaustedSessionStartsResetTheToken() {
    start(SimOptions.defaults().withSessionStartLimit(2, 4));
    String oldToken = bot.token;
    try (RawGateway first = RawGateway.connect(sim);
        RawGateway second = RawGateway.connect(sim);
        RawGateway third = RawGateway.connect(sim)) {
      first.identify(oldToken, 0, 4);
      second.identify(oldToken, 1, 4);
      await().untilAsserted(() -> assertThat(second.frames(0, "READY")).hasSize(1));
      await().untilAsserted(() -> assertThat(first.frames(0, "READY")).hasSize(1));
      assertThat(
              new SimHttp(sim, oldToken)
                  .get("gateway/bot")
                  .json()
                  .path("session_start_limit")
                  .path("remaining")
                  .asInt())
          .isZero();

      third.identify(oldToken, 2, 4);

      assertThat(third.closeCode(CLOSE_WAIT)).isEqualTo(4004);
      assertThat(first.closeCode(CLOSE_WAIT)).isEqualTo(4004);
      assertThat(second.closeCode(CLOSE_WAIT)).isEqualTo(4004);
    }
    assertThat(bot.token).isNotEqualTo(oldToken);
    assertThat(new SimHttp(sim, oldToken).get("users/@me").status()).isEqualTo(401);
    assertThat(new SimHttp(sim, bot.token).get("users/@me").status()).isEqualTo(200);
  }
}
