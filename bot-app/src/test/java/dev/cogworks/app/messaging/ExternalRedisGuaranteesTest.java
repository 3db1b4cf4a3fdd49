package dev.cogworks.app.messaging;

import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.relay.RelayTransport;
import dev.cogworks.testkit.CogworksHarness;
import dev.cogworks.testkit.TestEngines;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessages;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.embedded.RedisServer;

@DisplayName("external_gateway guarantees on Redis, 3 workers")
class ExternalRedisGuaranteesTest extends ExternalGatewayGuarantees {
  private static final int PORT = TestEngines.freePort();
  private static final Path DATA = TestEngines.tempDir("cogworks-gw-outage-redis");
  private static RedisServer redis = TestEngines.newRedis(PORT, DATA);
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final CogworksHarness bot = harness(probe, "redis", "redis://127.0.0.1:" + PORT);

  @AfterAll
  static void closeEngine() {
    TestEngines.stop(redis);
  }

  @Override
  CogworksHarness bot() {
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
