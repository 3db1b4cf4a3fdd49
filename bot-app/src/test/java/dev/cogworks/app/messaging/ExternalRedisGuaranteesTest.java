package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.relay.RelayTransport;
import dev.cogworks.core.internal.relay.WireRequest;
import dev.cogworks.testkit.TestEngines;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.embedded.RedisServer;

@DisplayName("external_gateway guarantees on Redis, 3 workers")
class ExternalRedisGuaranteesTest extends ExternalGatewayGuarantees {
  private static final int PORT = TestEngines.freePort();
  private static final Path DATA = TestEngines.tempDir("cogworks-gw-outage-redis");
  private static RedisServer redis = TestEngines.newRedis(PORT, DATA);
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot = harness(probe, "redis", "redis://127.0.0.1:" + PORT);

  @AfterAll
  static void closeEngine() {
    TestEngines.stop(redis);
  }

  @Override
  PlatformHarness bot() {
    return bot;
  }

  @Override
  ProbeCog probe() {
    return probe;
  }

  @Override
  void stopEngine() {
    TestEngines.stop(redis);
  }

  @Override
  void startEngine() {
    redis = TestEngines.newRedis(PORT, DATA);
  }

  @Test
  @DisplayName(
      "Workers that lose their partitions stop at once: what they read ahead runs once, on the"
          + " next owner")
  void lostPartitionsReadAheadNotRun() throws Exception {
    List<Long> channels = IntStream.range(0, 4).mapToObj(i -> newChannel("lost" + i)).toList();
    long before = posts();
    List<CompletableFuture<SentMessage>> sends = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      for (long channel : channels) {
        sends.add(probe.send(channel, "l" + i));
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> posts() >= before + channels.size());

    // Another owner for every partition, for 2 s: to the workers, their leases ran out.
    CogworksConfig.Relay relay = bot.botConfig().messaging().relay();
    redis(
        r -> {
          for (int p = 0; p < relay.redisPartitions(); p++) {
            r.set(relay.requestQueue() + ":" + p + ":owner", "thief", SetArgs.Builder.px(2000));
          }
          return null;
        });

    awaitAll(sends, 30);
    for (long channel : channels) {
      assertThat(contents(channel))
          .containsExactlyElementsOf(IntStream.range(0, 15).mapToObj(i -> "l" + i).toList());
    }
    // Only a send already running when the partitions changed hands may run again.
    assertThat(posts() - before).isLessThanOrEqualTo(sends.size() + channels.size());
  }

  @Test
  @DisplayName(
      "An entry left pending on a consumer that is gone is claimed after the lease and run; the"
          + " consumer is removed")
  void strandedEntryClaimed() {
    long channel = newChannel("stranded");
    CogworksConfig.Relay relay = bot.botConfig().messaging().relay();
    String stream = relay.requestQueue() + ":0";
    WireRequest request =
        WireRequest.create(
            new DiscordRequest.SendMessage(channel, "stranded", SendOptions.DEFAULT),
            Instant.now(),
            Duration.ofSeconds(30),
            instance());
    // Added and read by a consumer that then vanishes, in one step, so no worker reads it first.
    redis(
        r -> {
          r.multi();
          r.xadd(
              stream,
              Map.of(
                  "route_key",
                  Long.toString(channel),
                  "reply_to",
                  request.replyTo(),
                  "request",
                  request.toJson()));
          r.xreadgroup(
              Consumer.from(group(), "ghost"),
              XReadArgs.Builder.count(1),
              XReadArgs.StreamOffset.lastConsumed(stream));
          return r.exec();
        });

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(contents(channel)).containsExactly("stranded"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                redis(r -> r.xinfoConsumers(stream, group())).stream()
                    .noneMatch(c -> c.toString().contains("ghost")));
  }

  @Override
  long storedAnswers(String instance) {
    return redis(r -> r.xlen(answers(instance)));
  }

  @Override
  String holder() {
    CogworksConfig.Relay relay = bot.botConfig().messaging().relay();
    return redis(
        r -> {
          for (int p = 0; p < relay.redisPartitions(); p++) {
            PendingMessages pending = r.xpending(relay.requestQueue() + ":" + p, group());
            if (pending.getCount() > 0) {
              return pending.getConsumerMessageCount().keySet().iterator().next();
            }
          }
          return null;
        });
  }

  /** A plain string where the bot instance's answer stream should be makes every XADD fail. */
  @Override
  void breakAnswers() {
    redis(r -> r.set(answers(instance()), "not a stream"));
  }

  @Override
  void restoreAnswers() {
    redis(r -> r.del(answers(instance())));
  }

  private static String instance() {
    return bot.bot().messaging().transport(RelayTransport.class).orElseThrow().instance();
  }

  private static String answers(String instance) {
    return bot.botConfig().messaging().relay().responseQueue() + ":" + instance;
  }

  private static String group() {
    return bot.botConfig().messaging().relay().requestQueue() + ":workers";
  }

  private static <T> T redis(Function<RedisCommands<String, String>, T> command) {
    RedisClient client = RedisClient.create("redis://127.0.0.1:" + PORT);
    try (var c = client.connect()) {
      return command.apply(c.sync());
    } finally {
      client.shutdown();
    }
  }
}
