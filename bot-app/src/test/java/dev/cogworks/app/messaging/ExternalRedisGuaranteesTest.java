package dev.cogworks.app.messaging;

import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.testkit.CogworksHarness;
import dev.cogworks.testkit.TestEngines;
import io.lettuce.core.RedisClient;
import java.nio.file.Path;
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
    RedisClient client = RedisClient.create("redis://127.0.0.1:" + PORT);
    try (var c = client.connect()) {
      return c.sync().xlen(bot.botConfig().messaging().relay().responseQueue() + ":" + instance);
    } finally {
      client.shutdown();
    }
  }
}
