package dev.cogworks.app.notify;

import static dev.cogworks.app.notify.OpsChannel.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.relay.RelayTransport;
import dev.cogworks.testkit.TestEngines;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Notifications: the external gateway's engine down, and back")
class EngineDownNotificationTest {
  private static final int PORT = TestEngines.freePort();
  private static final Path DATA = TestEngines.tempDir("cogworks-notify-pg");
  private static EmbeddedPostgres postgres = TestEngines.newPostgres(PORT, DATA);

  @RegisterExtension
  static final PlatformHarness bot =
      OpsChannel.configure(PlatformHarness.with(new ProbeCog()))
          .externalGateway("postgresql", TestEngines.jdbcUrl(PORT), 1);

  @AfterAll
  static void closeEngine() {
    TestEngines.close(postgres);
  }

  @Test
  @DisplayName(
      "The engine-down notice lands while the engine is down (the direct path), the recovery"
          + " after it is back")
  void engineDownAndBack() {
    RelayTransport relay = bot.bot().messaging().transport(RelayTransport.class).orElseThrow();
    await().untilAsserted(() -> assertThat(ops(bot, "Cogworks started")).isNotEmpty());

    TestEngines.close(postgres);
    // Only an attempt to reach the engine finds it gone: the answer listener's next try.
    await().atMost(Duration.ofSeconds(15)).until(() -> !relay.engineReachable());
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              var down = ops(bot, "engine is unreachable");
              assertThat(down).hasSize(1);
              assertThat(down.get(0).color()).isEqualTo(0x992D22);
              assertThat(down.get(0).fields()).containsEntry("Engine", "postgresql");
              assertThat(OpsChannel.notices(bot, "ops-hook", "engine is unreachable")).hasSize(1);
            });
    assertThat(relay.engineReachable()).isFalse(); // delivered during the outage, not after

    postgres = TestEngines.newPostgres(PORT, DATA);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(ops(bot, "reachable again")).hasSize(1));
  }
}
