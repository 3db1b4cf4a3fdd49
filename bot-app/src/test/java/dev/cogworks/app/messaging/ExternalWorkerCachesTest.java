package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.runtime.RelayWorkerProcess;
import dev.cogworks.testkit.TestEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.embedded.RedisServer;

/**
 * The gateway worker, which has no gateway session, and its caches, seen from outside: which calls
 * and sessions reach discord-sim, what the cog gets back, and the hit/miss meters of calls saved.
 * One worker, so every request meets the same caches; the bot's invalidations keep them true.
 */
@DisplayName(
    "external_gateway worker: REST only, its caches save calls and are kept true by the bot's"
        + " invalidations")
class ExternalWorkerCachesTest {
  private static final String EMOJIS = "GET /guilds/{guild_id}/emojis";
  private static final String EDIT = "PATCH /channels/{channel_id}/messages/{message_id}";
  private static final String SEND = "POST /channels/{channel_id}/messages";
  private static final String ROLES = "GET /guilds/{guild_id}/roles";
  private static final String MEMBER = "GET /guilds/{guild_id}/members/{user_id}";
  private static final String GUILD = "GET /guilds/{guild_id}";
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
  @DisplayName("A guild's emojis are fetched once, and again after the bot says they changed")
  void emojisCachedUntilChanged() throws Exception {
    long guild = bot.guild().id;
    List<GuildEmoji> first = done(probe.emojis(guild)); // a call, unless an earlier test made it
    long before = calls(EMOJIS);
    List<GuildEmoji> second = done(probe.emojis(guild));
    assertThat(second).isEqualTo(first);
    assertThat(calls(EMOJIS) - before).isZero();

    bot.sim().control().createEmoji(guild, "fresh_cog", false);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(done(probe.emojis(guild)))
                    .extracting(GuildEmoji::name)
                    .contains("fresh_cog"));
    assertThat(calls(EMOJIS) - before).isPositive();
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
  @DisplayName(
      "A message deleted by someone else is known deleted from the bot's invalidation: its edit"
          + " fails with 10008 and no call")
  void othersDeleteRemembered() throws Exception {
    long channel = bot.channel("general").id;
    long message = done(probe.send(channel, "someone deletes me")).id();

    // The bot process's own connection deletes it: to the worker, that is someone else. The bot's
    // gateway sees the deletion and publishes it through the engine.
    bot.bot().shards().getTextChannelById(channel).deleteMessageById(message).complete();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> worker().worker().caches().knowsDeleted(message));

    editFailsWithoutCall(channel, message);
  }

  @Test
  @DisplayName(
      "A deleted channel is known from the bot's invalidation: a send to it fails with 10003 and"
          + " no call")
  void deletedChannelRemembered() throws Exception {
    long channel = bot.sim().control().createChannel(bot.guild().id, "doomed").id;
    done(probe.send(channel, "before the end"));
    bot.sim().control().deleteChannel(channel);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> worker().worker().caches().knowsDeletedChannel(channel));
    long sends = calls(SEND);

    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> done(probe.send(channel, "anyone?")));

    assertThat(failed.getCause())
        .isInstanceOfSatisfying(
            DiscordRequestException.class,
            e -> assertThat(e.code()).isEqualTo(DiscordRequestException.UNKNOWN_CHANNEL));
    assertThat(calls(SEND)).isEqualTo(sends);
  }

  @Test
  @DisplayName(
      "A guild's roles and the bot's own member are fetched once, and again after the bot says"
          + " roles changed")
  void rolesCachedUntilChanged() throws Exception {
    long guild = bot.guild().id;
    done(probe.roles(guild));
    done(probe.self(guild));
    long roles = calls(ROLES);
    long members = calls(MEMBER);

    done(probe.roles(guild));
    done(probe.self(guild));
    assertThat(calls(ROLES)).isEqualTo(roles);
    assertThat(calls(MEMBER)).isEqualTo(members);

    bot.sim().control().createRole(guild, "Fresh", 0, 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(done(probe.roles(guild))).extracting(GuildRole::name).contains("Fresh"));
    assertThat(calls(ROLES)).isGreaterThan(roles);
  }

  @Test
  @DisplayName(
      "Workers open no gateway session: the simulator started the bot's sessions only, and sent"
          + " events to the bot only")
  void noGatewaySession() {
    var gateway = bot.sim().control().gateway();
    int botShards = bot.bot().shards().getShards().size();

    assertThat(bot.workers()).isNotEmpty();
    assertThat(gateway.sessionsStarted()).isEqualTo(botShards);
    assertThat(gateway.connectionCount()).isEqualTo(botShards);
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

  /**
   * The README's figures (Operating → gateway workers): one workload, the Discord calls it made and
   * those the worker's caches saved, and the gateway's sessions and events. The same workload was
   * run on the worker with a gateway session it replaced; the numbers of both are there.
   */
  private static final int ROUNDS = 3;

  @Test
  @DisplayName("Cost figures: a fixed workload's Discord calls made and saved, sessions, events")
  void costFigures() throws Exception {
    long guild = bot.guild().id;
    long channel = bot.channel("general").id;
    var stats = bot.sim().control().stats();
    var gateway = bot.sim().control().gateway();
    List<String> routes = List.of(EMOJIS, ROLES, MEMBER, GUILD, EDIT);
    long[] before = routes.stream().mapToLong(stats::requests).toArray();
    long hitsBefore = hits();
    long dispatchesBefore = gateway.dispatches();
    worker().worker().caches().resubscribed(); // cold, whatever ran before

    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < 4; i++) {
        done(probe.emojis(guild));
        done(probe.roles(guild));
        done(probe.self(guild));
      }
      long own = done(probe.send(channel, "own " + round)).id();
      long others = done(probe.send(channel, "others " + round)).id();
      done(probe.delete(channel, own));
      bot.bot().shards().getTextChannelById(channel).deleteMessageById(others).complete();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> worker().worker().caches().knowsDeleted(others));
      for (long gone : List.of(own, others)) {
        assertThrows(
            ExecutionException.class, () -> done(probe.edit(channel, gone, "late", List.of())));
      }
    }

    StringBuilder made = new StringBuilder();
    long total = 0;
    for (int i = 0; i < routes.size(); i++) {
      long n = stats.requests(routes.get(i)) - before[i];
      total += n;
      made.append(String.format("\"%s\": %d, ", routes.get(i), n));
    }
    long saved = hits() - hitsBefore;
    System.out.printf(
        "WORKER-FIGURES {%s\"calls_made\": %d, \"calls_saved\": %d, \"sessions_started\": %d,"
            + " \"bot_shards\": %d, \"dispatches_during\": %d, \"dispatches_total\": %d}%n",
        made,
        total,
        saved,
        gateway.sessionsStarted(),
        bot.bot().shards().getShards().size(),
        gateway.dispatches() - dispatchesBefore,
        gateway.dispatches());
    assertThat(saved).as("calls saved").isGreaterThanOrEqualTo(ROUNDS * (3 * 4 + 2) - 3);
  }

  private static long hits() {
    return worker().worker().caches().stats().values().stream()
        .mapToLong(CacheStats::hitCount)
        .sum();
  }
}
