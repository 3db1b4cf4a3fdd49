package dev.cogworks.core.internal.gateway;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.gateway.postgres.PostgresGateway;
import dev.cogworks.core.internal.gateway.redis.RedisGateway;

/**
 * The engine under {@code external_gateway}: PostgreSQL or Redis, as {@code
 * messaging.gateway.queue_type} says. The bot takes a {@link RequestQueueClient} from it, a worker
 * a {@link WorkQueue}; both share its {@link SharedRateLimits}. Closing it closes its connections.
 */
public interface GatewayEngine extends AutoCloseable {
  RequestQueueClient client();

  WorkQueue workQueue();

  SharedRateLimits rateLimits();

  /** Where it is, for messages (no password). */
  String where();

  @Override
  void close();

  static GatewayEngine open(CogworksConfig config) {
    return switch (config.messaging().gateway().queueType()) {
      case POSTGRESQL -> PostgresGateway.open(config);
      case REDIS -> RedisGateway.open(config);
    };
  }
}
