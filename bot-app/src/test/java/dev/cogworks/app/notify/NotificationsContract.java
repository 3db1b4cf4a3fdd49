package dev.cogworks.app.notify;

import static dev.cogworks.app.notify.OpsChannel.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.ratelimit.RateLimitDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The notifications contract: each kind of notice lands in the operators' channel (and through
 * their webhook), deduplicated, with real JDA against discord-sim. Each messaging mode runs it
 * through a subclass with its own bot, configured by {@link #harness}.
 */
// Dead letters of every channel share one window (a storm across channels is one storm), so the
// dead-letter test runs first, before other tests' refused requests open that window.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class NotificationsContract {
  static final String SEND_ROUTE = "POST /channels/{channel_id}/messages";

  /** A bot in {@code mode} notifying in #ops and through #ops-hook's webhook, with low lines. */
  static PlatformHarness harness(String mode, ProbeCog probe) {
    return OpsChannel.configure(PlatformHarness.with(probe).config("messaging.mode", mode))
        .config("notifications.queue_warn", 5)
        .config("notifications.rate_limit_wait_warn", "400ms")
        .config("notifications.invalid_requests_warn", 3);
  }

  abstract PlatformHarness bot();

  abstract ProbeCog probe();

  @Test
  @DisplayName("The start is announced in the channel and through the webhook, as an info embed")
  void startAnnounced() {
    await()
        .untilAsserted(
            () -> {
              var started = ops(bot(), "Cogworks started");
              assertThat(started).isNotEmpty();
              assertThat(started.get(0).color()).isEqualTo(0x3498DB);
              assertThat(started.get(0).fields()).containsKey("Mode");
              assertThat(started.get(0).m().content).isEmpty();
              var hooked = OpsChannel.notices(bot(), "ops-hook", "Cogworks started");
              assertThat(hooked).isNotEmpty();
              assertThat(hooked.get(0).isWebhook()).isTrue();
            });
  }

  @Test
  @Order(1)
  @DisplayName("One dead letter gives one notice; ten give that notice and one summary, not ten")
  void deadLettersDeduplicated() throws Exception {
    // Channels that do not exist (404 / 10003), ten of them: each has its own bucket, so the ten
    // fail at once rather than five per 5 s.
    java.util.Set<String> nowhere = new java.util.HashSet<>();
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long channel = 4_000_000_000_000_000_001L + i;
      nowhere.add(Long.toUnsignedString(channel));
      sends.add(probe().send(channel, "lost " + i).exceptionally(e -> null));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(deadLetterNotices(nowhere)).hasSize(2));
    var notices = deadLetterNotices(nowhere);
    assertThat(notices.get(0).color()).isEqualTo(0xE74C3C);
    assertThat(notices.get(0).fields()).doesNotContainKey("More like this");
    assertThat(notices.get(0).fields()).containsEntry("Error", "404 / 10003: Unknown Channel");
    assertThat(notices.get(1).fields().get("More like this")).startsWith("9 more like this");
    // No third: the storm is over, its summary was the last word.
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .untilAsserted(() -> assertThat(deadLetterNotices(nowhere)).hasSize(2));
  }

  private List<OpsChannel.Landed> deadLetterNotices(java.util.Set<String> channels) {
    return ops(bot(), "dead letter").stream()
        .filter(n -> channels.contains(n.fields().get("Channel or guild")))
        .toList();
  }

  @Test
  @DisplayName("A 429 and a rate-limit wait over the threshold are each notified")
  void rateLimits() throws Exception {
    int before429 = ops(bot(), "429").size();
    int beforeWait = ops(bot(), "waited long").size();
    long general = bot().channel("general").id;
    bot()
        .sim()
        .control()
        .faults()
        .add(new Fault.ForcedRateLimit(SEND_ROUTE, RateLimitDecision.Scope.USER, 600, 1));
    try {
      probe().send(general, "through a 429").get(20, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      bot().sim().control().clearFaults();
    }
    await()
        .untilAsserted(
            () -> {
              assertThat(ops(bot(), "429")).hasSizeGreaterThan(before429);
              assertThat(ops(bot(), "waited long")).hasSizeGreaterThan(beforeWait);
            });
    var notice = ops(bot(), "429").get(ops(bot(), "429").size() - 1);
    assertThat(notice.fields()).containsEntry("Route", SEND_ROUTE.replace(" /", " "));
    assertThat(notice.fields()).containsEntry("Scope", "user");
  }

  @Test
  @DisplayName("Invalid requests past notifications.invalid_requests_warn raise a critical notice")
  void invalidRequests() throws Exception {
    long guild = bot().guild().id;
    // JDA checks a send's permissions itself; a deletion of someone else's message it leaves to
    // Discord, which answers 403 without Manage Messages.
    long locked =
        bot()
            .sim()
            .control()
            .createChannel(
                guild,
                "no-manage",
                List.of(
                    new PermissionOverwrite(
                        guild, PermissionOverwrite.ROLE, 0, Permission.MANAGE_MESSAGES)))
            .id;
    await().until(() -> bot().bot().shards().getTextChannelById(locked) != null);
    long alice = bot().user("alice").id;
    for (int i = 0; i < 3; i++) {
      long message = bot().sim().control().postMessage(locked, alice, "mine " + i).id;
      probe().delete(locked, message).exceptionally(e -> null).join();
    }
    await()
        .untilAsserted(
            () -> {
              var critical = ops(bot(), "Invalid requests");
              assertThat(critical).isNotEmpty();
              assertThat(critical.get(0).color()).isEqualTo(0x992D22);
              assertThat(Long.parseLong(critical.get(0).fields().get("Last 10 minutes")))
                  .isGreaterThanOrEqualTo(3);
            });
  }

  @Test
  @DisplayName("A shard that loses its connection is notified, and again when it is back")
  void shardReconnect() {
    int disconnects = ops(bot(), "Shard disconnected").size();
    int reconnects = ops(bot(), "Shard reconnected").size();
    assertThat(bot().sim().control().gateway().dropConnections()).isPositive();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(ops(bot(), "Shard disconnected")).hasSizeGreaterThan(disconnects);
              assertThat(ops(bot(), "Shard reconnected")).hasSizeGreaterThan(reconnects);
            });
    var back = ops(bot(), "Shard reconnected");
    assertThat(back.get(back.size() - 1).fields()).containsEntry("Shard", "0/1");
  }

  @Test
  @DisplayName("More requests waiting than notifications.queue_warn raise a warning")
  void queueDepth() throws Exception {
    long slow = bot().sim().control().createChannel(bot().guild().id, "slow").id;
    await()
        .until(
            () ->
                // Workers address channels by id over REST: only the bot needs to know it.
                bot().bot().shards().getTextChannelById(slow) != null);
    int before = ops(bot(), "queue is deep").size();
    bot().sim().control().faults().add(new Fault.Latency(SEND_ROUTE, 400));
    List<CompletableFuture<?>> sends = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        sends.add(probe().send(slow, "wait " + i));
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(ops(bot(), "queue is deep")).hasSizeGreaterThan(before));
    } finally {
      bot().sim().control().clearFaults();
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }
    var deep = ops(bot(), "queue is deep");
    assertThat(Integer.parseInt(deep.get(deep.size() - 1).fields().get("Waiting")))
        .isGreaterThanOrEqualTo(5);
  }
}
