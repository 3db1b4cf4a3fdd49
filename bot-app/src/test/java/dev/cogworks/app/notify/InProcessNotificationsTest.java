package dev.cogworks.app.notify;

import static dev.cogworks.app.notify.OpsChannel.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Notifications, messaging.mode = in_process")
class InProcessNotificationsTest extends NotificationsContract {
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension static final PlatformHarness bot = harness("in_process", probe);

  @Override
  PlatformHarness bot() {
    return bot;
  }

  @Override
  ProbeCog probe() {
    return probe;
  }

  @Test
  @DisplayName("A paused queue is notified while it is paused: the notice does not wait in it")
  void pausedQueueNotifiedDirectly() throws Exception {
    InProcessTransport queue =
        bot.bot().messaging().transport(InProcessTransport.class).orElseThrow();
    int paused = ops(bot, "queue is paused").size();
    queue.pause();
    CompletableFuture<?> held = probe.send(bot.channel("general").id, "held by the pause");
    try {
      await()
          .untilAsserted(() -> assertThat(ops(bot, "queue is paused")).hasSizeGreaterThan(paused));
      assertThat(held).isNotDone();
      assertThat(queue.snapshot().paused()).isTrue();
    } finally {
      queue.resume();
    }
    held.get(20, TimeUnit.SECONDS);
    await().untilAsserted(() -> assertThat(ops(bot, "running again")).isNotEmpty());
  }

  @Test
  @DisplayName("A graceful stop is announced before the bot goes, and the next start again")
  void stopAnnounced() throws Exception {
    int stops = ops(bot, "stopping").size();
    int starts = ops(bot, "Cogworks started").size();
    bot.restartBot();
    assertThat(ops(bot, "stopping")).hasSize(stops + 1);
    await().untilAsserted(() -> assertThat(ops(bot, "Cogworks started")).hasSize(starts + 1));
    assertThat(OpsChannel.notices(bot, "ops-hook", "stopping")).isNotEmpty();
  }
}
