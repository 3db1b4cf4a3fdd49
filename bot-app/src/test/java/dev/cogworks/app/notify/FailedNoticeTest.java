package dev.cogworks.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Notifications never notify about their own failures")
class FailedNoticeTest {
  /** A channel that does not exist: every notice sent there fails for good (404 / 10003). */
  private static final long GONE = 4_100_000_000_000_000_001L;

  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(new ProbeCog())
          .config("notifications.channel_id", Long.toUnsignedString(GONE))
          .configOnceSeeded("notifications.webhook_url", OpsChannel::webhookUrl)
          .config("notifications.dedup_window", "1s")
          .config("notifications.check_interval", "200ms");

  @Test
  @DisplayName(
      "Given a notice channel that fails, its dead letter is kept and logged, not notified; the"
          + " webhook still gets the notices")
  void noLoop() {
    await()
        .untilAsserted(
            () -> {
              assertThat(OpsChannel.notices(bot, "ops-hook", "Cogworks started")).hasSize(1);
              assertThat(lettersForGoneChannel()).isEqualTo(1);
            });
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(lettersForGoneChannel()).isEqualTo(1);
              assertThat(OpsChannel.notices(bot, "ops-hook", "dead letter")).isEmpty();
            });
  }

  private static long lettersForGoneChannel() {
    return bot.bot().messaging().deadLetters().list(50).stream()
        .filter(l -> l.routeKey() == GONE)
        .count();
  }
}
