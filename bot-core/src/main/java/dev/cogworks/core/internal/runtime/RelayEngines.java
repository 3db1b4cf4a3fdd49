package dev.cogworks.core.internal.runtime;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.relay.RelayEngine;
import dev.cogworks.core.internal.relay.postgres.PostgresRelay;
import dev.cogworks.core.internal.relay.redis.RedisRelay;

/**
 * Opens the relay's engine that {@code messaging.gateway.queue_type} names. It lives with the
 * wiring, not beside the {@link RelayEngine} interface, so that the interface's package never
 * depends on its implementations.
 */
final class RelayEngines {
  private RelayEngines() {}

  static RelayEngine open(CogworksConfig config) {
    return switch (config.messaging().relay().queueType()) {
      case POSTGRESQL -> PostgresRelay.open(config);
      case REDIS -> RedisRelay.open(config);
    };
  }
}
