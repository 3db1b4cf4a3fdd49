package dev.cogworks.core.internal.relay.redis;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.relay.EngineControl;
import dev.cogworks.core.internal.relay.Invalidations;
import dev.cogworks.core.internal.relay.RelayClient;
import dev.cogworks.core.internal.relay.RelayEngine;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.RelayInbox;
import dev.cogworks.core.internal.relay.SharedRateLimits;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;

/**
 * The external gateway on Redis (Lettuce): request streams partitioned by route key, each read by
 * one worker at a time through a consumer group; {@code XACK} once the answer is written, {@code
 * XAUTOCLAIM} to take over a dead worker's pending entries; answers on a stream per bot instance
 * that expires when nobody reads it.
 */
public final class RedisRelay implements RelayEngine {
  private final CogworksConfig.Relay config;
  private final RedisClient client;
  private final RedisURI uri;
  final RedisNames names;
  private final RedisRateLimits limits;
  private final StatefulRedisConnection<String, String> shared;
  private final RedisControl control;

  private RedisRelay(CogworksConfig.Relay config, int globalPerSecond) {
    this.config = config;
    this.uri = RedisURI.create(config.redisUri());
    this.names =
        new RedisNames(config.requestQueue(), config.responseQueue(), config.redisPartitions());
    this.client = RedisClient.create();
    // Fail a command at once while disconnected instead of queueing it: a submission must hear
    // about an outage, not hang. Reconnection itself is automatic.
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
            .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
            .build());
    this.shared = connect();
    this.limits = new RedisRateLimits(shared, names, globalPerSecond);
    this.control = new RedisControl(shared, names);
  }

  public static RedisRelay open(CogworksConfig config) {
    try {
      return new RedisRelay(
          config.messaging().relay(), config.messaging().globalRequestsPerSecond());
    } catch (RuntimeException e) {
      throw new RelayException(
          "cannot reach the gateway's Redis at "
              + RelayEngine.redact(config.messaging().relay().redisUri())
              + ": "
              + e.getMessage(),
          e);
    }
  }

  StatefulRedisConnection<String, String> connect() {
    return client.connect(uri);
  }

  /** A connection of its own for pub/sub, which takes a connection over. */
  StatefulRedisPubSubConnection<String, String> connectPubSub() {
    return client.connectPubSub(uri);
  }

  StatefulRedisConnection<String, String> shared() {
    return shared;
  }

  CogworksConfig.Relay config() {
    return config;
  }

  @Override
  public RelayClient client() {
    return new RedisRelayClient(this);
  }

  @Override
  public RelayInbox<StreamEntry> inbox() {
    return new RedisInbox(this, limits);
  }

  @Override
  public EngineControl control() {
    return control;
  }

  @Override
  public Invalidations invalidations() {
    return new RedisInvalidations(this);
  }

  @Override
  public SharedRateLimits rateLimits() {
    return limits;
  }

  @Override
  public String where() {
    return RelayEngine.redact(config.redisUri());
  }

  @Override
  public void close() {
    shared.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
