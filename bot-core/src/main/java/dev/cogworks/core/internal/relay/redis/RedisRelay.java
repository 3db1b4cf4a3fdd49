package dev.cogworks.core.internal.relay.redis;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.relay.EngineControl;
import dev.cogworks.core.internal.relay.Invalidations;
import dev.cogworks.core.internal.relay.RelayClient;
import dev.cogworks.core.internal.relay.RelayEngine;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.RelayInbox;
import dev.cogworks.core.internal.relay.SharedRateLimits;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The external gateway on Redis (Lettuce): request streams partitioned by route key, each read by
 * one worker at a time through a consumer group; {@code XACK} once the answer is written, {@code
 * XAUTOCLAIM} to take over a dead worker's pending entries; answers on a stream per bot instance
 * that expires when nobody reads it. On a single server or a Redis Cluster ({@code redis.cluster}):
 * the same commands through {@link RedisLink}, with {@link RedisNames tagged} keys on a cluster.
 */
public final class RedisRelay implements RelayEngine {
  private static final Logger log = LoggerFactory.getLogger(RedisRelay.class);

  /** How often a cluster client rereads the topology even when nothing told it to. */
  private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(5);

  private final CogworksConfig.Relay config;
  private final RedisClient server;
  private final RedisClusterClient cluster;
  private final RedisURI uri;
  final RedisNames names;
  private final RedisRateLimits limits;
  private final RedisLink shared;
  private final RedisControl control;
  private final AtomicLong lastRefresh = new AtomicLong();

  /** How long writes to a master whose WAIT timed out go without WAIT (see {@link #waitsOn}). */
  private static final Duration NO_REPLICA_PAUSE = Duration.ofSeconds(5);

  // Connections to masters whose WAIT timed out, and until when (nanoTime) they are not waited on.
  private final Map<Object, Long> noReplicaUntil = new ConcurrentHashMap<>();

  private RedisRelay(CogworksConfig.Relay config, int globalPerSecond) {
    this.config = config;
    this.names =
        new RedisNames(
            config.requestQueue(),
            config.responseQueue(),
            config.redisPartitions(),
            config.redisCluster());
    // Fail a command at once while disconnected instead of queueing it: a submission must hear
    // about an outage, not hang. Reconnection itself is automatic.
    SocketOptions socket = SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build();
    TimeoutOptions timeouts = TimeoutOptions.enabled(Duration.ofSeconds(5));
    if (config.redisCluster()) {
      this.uri = null;
      this.server = null;
      this.cluster = RedisClusterClient.create(seeds(config.redisUri()));
      cluster.setOptions(
          ClusterClientOptions.builder()
              .autoReconnect(true)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .socketOptions(socket)
              .timeoutOptions(timeouts)
              .topologyRefreshOptions(
                  ClusterTopologyRefreshOptions.builder()
                      .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                      .enableAllAdaptiveRefreshTriggers()
                      .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                      .build())
              .build());
    } else {
      this.uri = RedisURI.create(config.redisUri());
      this.cluster = null;
      this.server = RedisClient.create();
      server.setOptions(
          ClientOptions.builder()
              .autoReconnect(true)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .socketOptions(socket)
              .timeoutOptions(timeouts)
              .build());
    }
    try {
      this.shared = connect();
    } catch (RuntimeException e) {
      // Unreachable: the client's event loops and topology refresh must not outlive the attempt.
      (cluster != null ? cluster : server).shutdown(Duration.ZERO, Duration.ofSeconds(2));
      throw e;
    }
    this.limits = new RedisRateLimits(shared, names, globalPerSecond);
    this.control = new RedisControl(shared, names);
  }

  /**
   * {@code redis://[password@]host:port[,host:port...]} as one URI per seed node, each with the
   * scheme and password given once.
   */
  static List<RedisURI> seeds(String uri) {
    int hosts = uri.indexOf("://") + 3;
    int at = uri.indexOf('@', hosts);
    String prefix = uri.substring(0, at < 0 ? hosts : at + 1);
    String rest = uri.substring(at < 0 ? hosts : at + 1);
    int end = rest.indexOf('/');
    String suffix = end < 0 ? "" : rest.substring(end);
    List<RedisURI> seeds = new ArrayList<>();
    for (String host : (end < 0 ? rest : rest.substring(0, end)).split(",")) {
      seeds.add(RedisURI.create(prefix + host.trim() + suffix));
    }
    return seeds;
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

  RedisLink connect() {
    return cluster != null ? RedisLink.of(cluster.connect()) : RedisLink.of(server.connect(uri));
  }

  /**
   * A command failed: on a cluster, a master may have failed over, so the topology is reread now
   * (at most twice a second) rather than at the next periodic refresh.
   */
  void failed() {
    long now = System.currentTimeMillis();
    long last = lastRefresh.get();
    if (cluster != null && now - last >= 500 && lastRefresh.compareAndSet(last, now)) {
      cluster.refreshPartitionsAsync();
    }
  }

  /** Replicas a write waits for ({@code WAIT}): {@code redis.wait_replicas} on a cluster, or 0. */
  int waitReplicas() {
    return cluster != null ? config.redisWaitReplicas() : 0;
  }

  /**
   * Whether a write on {@code master} should be followed by a {@code WAIT}: not for {@link
   * #NO_REPLICA_PAUSE} after a {@code WAIT} there timed out. A master left without a replica (its
   * replica failed over to it and its old self is not back) would otherwise hold every write for
   * the whole {@code wait_timeout}, and a WAIT blocks the connection it is sent on; its writes are
   * counted as unreplicated instead, and the replica is asked for again after the pause.
   */
  boolean waitsOn(Object master) {
    Long until = noReplicaUntil.get(master);
    return until == null || System.nanoTime() - until >= 0;
  }

  /** A {@code WAIT} on {@code master} timed out: see {@link #waitsOn}. */
  void replicaMissing(Object master) {
    if (noReplicaUntil.put(master, System.nanoTime() + NO_REPLICA_PAUSE.toNanos()) == null) {
      log.warn(
          "A Redis master had fewer than {} replica(s) acknowledge a write within {}: its writes"
              + " are accepted without waiting for {} (counted in cogworks.gateway.unreplicated)",
          config.redisWaitReplicas(),
          config.redisWaitTimeout(),
          NO_REPLICA_PAUSE);
    }
  }

  /**
   * A connection of its own for pub/sub, which takes a connection over. On a cluster, PUBLISH
   * reaches the subscribers on every node, so one subscription anywhere hears every invalidation.
   */
  StatefulRedisPubSubConnection<String, String> connectPubSub() {
    return cluster != null ? cluster.connectPubSub() : server.connectPubSub(uri);
  }

  RedisLink shared() {
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
    AbstractRedisClient client = cluster != null ? cluster : server;
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
