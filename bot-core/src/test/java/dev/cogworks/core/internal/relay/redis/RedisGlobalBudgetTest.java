package dev.cogworks.core.internal.relay.redis;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.messaging.GlobalBudgetContract;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

@DisplayName("The Redis engine's global budget follows the one rule")
class RedisGlobalBudgetTest {
  @Test
  @DisplayName("The taking script gives the Java rule's answers, request by request")
  void sameRule() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    RedisServer redis =
        RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
    redis.start();
    try {
      var config =
          ConfigLoader.load(
              null,
              ConfigFactory.parseMap(
                  Map.of(
                      "messaging.mode",
                      "external_gateway",
                      "messaging.global_requests_per_second",
                      GlobalBudgetContract.LIMIT,
                      "messaging.gateway.queue_type",
                      "redis",
                      "messaging.gateway.redis.uri",
                      "redis://127.0.0.1:" + port)),
              getClass().getClassLoader());
      try (RedisRelay relay = RedisRelay.open(config)) {
        RedisRateLimits limits = (RedisRateLimits) relay.rateLimits();
        GlobalBudgetContract.assertSameWaits(limits::take);
      }
    } finally {
      redis.stop();
    }
  }
}
