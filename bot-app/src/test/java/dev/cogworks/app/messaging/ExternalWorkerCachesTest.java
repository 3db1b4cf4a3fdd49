package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.runtime.RelayWorkerProcess;
import dev.cogworks.testkit.TestEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.embedded.RedisServer;

/**
 * The gateway worker's caches (seed 003), seen from outside: which calls reach discord-sim, what
 * the cog gets back, and the hit/miss meters of calls saved. One worker, so every request meets the
 * same caches.
 */
@DisplayName(
    "external_gateway worker caches: emoji lists and deleted messages save calls, kept true by"
        + " events")
class ExternalWorkerCachesTest {
  private static final String EMOJIS = "GET /guilds/{guild_id}/emojis";
  private static final String EDIT = "PATCH /channels/{channel_id}/messages/{message_id}";
  private static final int PORT = TestEngines.freePort();
  private static final Path DATA = TestEngines.tempDir("cogworks-gw-caches-redis");
  private static final RedisServer redis = TestEngines.newRedis(PORT, DATA);
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(probe).externalGateway("redis", "redis://127.0.0.1:" + PORT, 1);

  @AfterAll
  static void closeEngine() {
    TestEngines.stop(redis);
  }

  private static RelayWorkerProcess worker() {
    return bot.workers().get(0);
  }

  private static CacheStats stats(String cache) {
    return worker().worker().caches().stats().get(cache);
  }

  private static long calls(String route) {
    return bot.sim().control().stats().requests(route);
  }

  private static <T> T done(CompletableFuture<T> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("A guild's emojis are fetched once, and again after the gateway says they changed")
  void emojisCachedUntilChanged() throws Exception {
    long guild = bot.guild().id;
    long before = calls(EMOJIS);
    List<GuildEmoji> first = done(probe.emojis(guild));
    List<GuildEmoji> second = done(probe.emojis(guild));
    assertThat(second).isEqualTo(first);
    assertThat(calls(EMOJIS) - before).isEqualTo(1);

    bot.sim().control().createEmoji(guild, "fresh_cog", false);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(done(probe.emojis(guild)))
                    .extracting(GuildEmoji::name)
                    .contains("fresh_cog"));
    assertThat(calls(EMOJIS) - before).isGreaterThanOrEqualTo(2);
  }

  @Test
  @DisplayName("After the worker's own delete, an edit of that message fails with 10008, no call")
  void ownDeleteRemembered() throws Exception {
    long channel = bot.channel("general").id;
    long message = done(probe.send(channel, "short-lived")).id();
    done(probe.edit(channel, message, "edited once", List.of()));
    done(probe.delete(channel, message));

    editFailsWithoutCall(channel, message);
  }

  @Test
  @DisplayName("A message deleted by someone else (a gateway event) is known deleted too")
  void othersDeleteRemembered() throws Exception {
    long channel = bot.channel("general").id;
    long message = done(probe.send(channel, "someone deletes me")).id();
    // JDA calls listeners in the order they were added: once this one has seen the event, the
    // worker's caches (added first) have too.
    CountDownLatch seen = new CountDownLatch(1);
    ListenerAdapter watcher =
        new ListenerAdapter() {
          @Override
          public void onMessageDelete(MessageDeleteEvent event) {
            if (event.getMessageIdLong() == message) {
              seen.countDown();
            }
          }
        };
    worker().shards().addEventListener(watcher);
    try {
      // The bot process's own connection deletes it: to the worker, that is someone else.
      bot.bot().shards().getTextChannelById(channel).deleteMessageById(message).complete();
      assertThat(seen.await(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      worker().shards().removeEventListener(watcher);
    }

    editFailsWithoutCall(channel, message);
  }

  /** An edit of {@code message} fails with 10008 from the worker's cache: Discord never sees it. */
  private static void editFailsWithoutCall(long channel, long message) {
    long edits = calls(EDIT);

    ExecutionException failed =
        assertThrows(
            ExecutionException.class, () -> done(probe.edit(channel, message, "gone?", List.of())));

    assertThat(failed.getCause())
        .isInstanceOfSatisfying(
            DiscordRequestException.class,
            e -> assertThat(e.code()).isEqualTo(DiscordRequestException.UNKNOWN_MESSAGE));
    assertThat(calls(EDIT)).isEqualTo(edits);
  }

  @Test
  @DisplayName(
      "An edit refused from the cache counts as a deleted-message hit in cache.gets; an edit that"
          + " went to Discord as a miss")
  void savedCallsAreMetered() throws Exception {
    long channel = bot.channel("general").id;
    long message = done(probe.send(channel, "progress 0%")).id();
    long hits = stats("deleted_message").hitCount();
    long misses = stats("deleted_message").missCount();

    done(probe.edit(channel, message, "progress 50%", List.of()));
    done(probe.delete(channel, message));
    editFailsWithoutCall(channel, message);

    assertThat(stats("deleted_message").missCount() - misses).as("calls made").isEqualTo(2);
    assertThat(stats("deleted_message").hitCount() - hits).as("calls saved").isEqualTo(1);
    double metered =
        worker()
            .metrics()
            .get("cache.gets")
            .tag("cache", "gateway.deleted_message")
            .tag("result", "hit")
            .functionCounter()
            .count();
    assertThat(metered).isEqualTo(stats("deleted_message").hitCount());
  }
}
