package dev.cogworks.app.messaging;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.relay.RelayTransport;
import dev.cogworks.testkit.TestRedisCluster;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessages;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guarantees on a Redis Cluster (3 masters, 3 replicas, WAIT 1): the same cases as on one
 * server, with an outage of the whole cluster (every node killed, then started from its files). A
 * master's failover mid-burst is in {@link ExternalRedisClusterContractTest}.
 */
@DisplayName("external_gateway guarantees on a Redis Cluster, 3 workers")
class ExternalRedisClusterGuaranteesTest extends ExternalGatewayGuarantees {
  private static final TestRedisCluster cluster = TestRedisCluster.start(3);
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      harness(probe, "redis", cluster.uri()).config("messaging.gateway.redis.cluster", true);

  @AfterAll
  static void stopCluster() {
    cluster.close();
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
    cluster.killAll();
  }

  @Override
  void startEngine() {
    cluster.startAll();
  }

  @Override
  long storedAnswers(String instance) {
    String answers = answers(instance);
    return on(answers, r -> r.xlen(answers));
  }

  @Override
  String holder() {
    CogworksConfig.Relay relay = bot.botConfig().messaging().relay();
    String group = relay.requestQueue() + ":workers";
    for (int p = 0; p < relay.redisPartitions(); p++) {
      // A partition's keys share the hash tag of its stream (RedisNames).
      String stream = "{" + relay.requestQueue() + ":" + p + "}";
      PendingMessages pending = on(stream, r -> r.xpending(stream, group));
      if (pending.getCount() > 0) {
        return pending.getConsumerMessageCount().keySet().iterator().next();
      }
    }
    return null;
  }

  /** A plain string where the bot instance's answer stream should be makes every XADD fail. */
  @Override
  void breakAnswers() {
    String answers = answers(instance());
    on(answers, r -> r.set(answers, "not a stream"));
  }

  @Override
  void restoreAnswers() {
    String answers = answers(instance());
    on(answers, r -> r.del(answers));
  }

  private static String instance() {
    return bot.bot().messaging().transport(RelayTransport.class).orElseThrow().instance();
  }

  private static String answers(String instance) {
    return bot.botConfig().messaging().relay().responseQueue() + ":" + instance;
  }

  /** Runs a command on the master serving {@code key} now. */
  private static <T> T on(String key, Function<RedisCommands<String, String>, T> command) {
    return cluster.run(cluster.masterOf(key), command);
  }
}
