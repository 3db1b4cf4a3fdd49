package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.FloodCog;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.ratelimit.RateLimitDecision.Scope;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Messaging metrics, and the user told when the queue is full")
class MessagingMetricsTest {
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(probe, new FloodCog())
          .config("messaging.mode", "in_process")
          .config("messaging.in_process.max_queue_size", 3)
          .simOptions(
              SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.01)));

  private static MeterRegistry metrics() {
    return bot.bot().metrics();
  }

  private static InProcessTransport queue() {
    return bot.bot().messaging().transport(InProcessTransport.class).orElseThrow();
  }

  @Test
  @DisplayName("Latency per action, coalesced edits, dead letters and Discord's 429s are counted")
  void counts() throws Exception {
    long channel = bot.channel("general").id;
    long id = probe.send(channel, "one").get(10, TimeUnit.SECONDS).id();
    queue().pause();
    var first = probe.edit(channel, id, "two", null);
    var second = probe.edit(channel, id, "three", null);
    queue().resume();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    probe.edit(channel, 42, "missing", null).exceptionally(e -> null).get(10, TimeUnit.SECONDS);
    bot.sim()
        .control()
        .faults()
        .add(new Fault.ForcedRateLimit("POST /channels/{channel_id}/messages", Scope.USER, 200, 1));
    probe.send(channel, "after a 429").get(10, TimeUnit.SECONDS);

    assertThat(
            metrics()
                .get("cogworks.messaging.latency")
                .tag("action", "send_message")
                .tag("outcome", "completed")
                .timer()
                .count())
        .isGreaterThanOrEqualTo(2);
    assertThat(metrics().get("cogworks.messaging.coalesced").functionCounter().count())
        .isGreaterThanOrEqualTo(1);
    assertThat(
            metrics()
                .get("cogworks.messaging.dead_lettered")
                .tag("action", "edit_message")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            metrics().get("cogworks.discord.rate_limited").tag("scope", "user").counter().count())
        .isGreaterThanOrEqualTo(1);
    assertThat(metrics().get("cogworks.messaging.queued").gauge().value()).isZero();
  }

  @Test
  @DisplayName("A command that meets a full queue replies that the bot is busy")
  void queueFullReply() {
    queue().pause();
    try {
      bot.post("alice", "music", "!flood");
      // The flood fills the queue; its next send is refused, and the answer saying so is queued
      // in the reserve kept for CRITICAL requests.
      await().until(() -> queue().snapshot().counters().rejected() >= 1);
    } finally {
      queue().resume();
    }
    bot.awaitReply(
        "music", "The bot is busy right now \\(its message queue is full\\). Try again shortly.");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                bot.botMessages("music").stream().filter(m -> m.content.startsWith("wave")).count()
                    == 3);
  }

  @Test
  @DisplayName("The snapshot: mode, queue, Discord's buckets as reported, and the latest failures")
  void snapshot() throws Exception {
    long channel = bot.channel("roles").id;
    probe.send(channel, "for the buckets").get(10, TimeUnit.SECONDS);
    probe.delete(channel, 4242).exceptionally(e -> null).get(10, TimeUnit.SECONDS);

    var snapshot = bot.bot().messaging().snapshot();

    assertThat(snapshot.mode()).isEqualTo("in_process");
    assertThat(snapshot.queue()).isPresent();
    assertThat(snapshot.buckets())
        .anySatisfy(
            b -> {
              assertThat(b.route()).isEqualTo("POST channels/{channel_id}/messages");
              assertThat(b.resource()).contains(Long.toString(channel));
              assertThat(b.remaining()).isBetween(0, b.limit());
            });
    assertThat(snapshot.lastErrors())
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("delete_message");
              assertThat(e.routeKey()).isEqualTo(channel);
              assertThat(e.error()).contains("10008");
            });
  }
}
