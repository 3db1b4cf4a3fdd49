package dev.cogworks.core.internal.relay.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

/**
 * One connection to the engine, to a single server or to a cluster, offering the commands both
 * share (Lettuce's {@link RedisClusterCommands}, which routes each command by its key's slot on a
 * cluster). The engine's scripts and transactions each touch one slot, so they run unchanged on
 * either.
 */
interface RedisLink extends AutoCloseable {
  RedisClusterCommands<String, String> sync();

  /** The same commands, sent without waiting (completed on Lettuce's I/O thread). */
  RedisClusterAsyncCommands<String, String> async();

  /**
   * The connection to the master serving {@code key}'s slot: the server itself when not clustered.
   * Commands sent on it stay on that master, so a {@code WAIT} on it covers them.
   */
  StatefulRedisConnection<String, String> masterOf(String key);

  /** Whether this is a cluster (a batch then spans masters, and is kept per partition). */
  boolean clustered();

  @Override
  void close();

  static RedisLink of(StatefulRedisConnection<String, String> server) {
    return new RedisLink() {
      @Override
      public RedisClusterCommands<String, String> sync() {
        return server.sync();
      }

      @Override
      public RedisClusterAsyncCommands<String, String> async() {
        return server.async();
      }

      @Override
      public StatefulRedisConnection<String, String> masterOf(String key) {
        return server;
      }

      @Override
      public boolean clustered() {
        return false;
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  static RedisLink of(StatefulRedisClusterConnection<String, String> cluster) {
    return new RedisLink() {
      @Override
      public RedisClusterCommands<String, String> sync() {
        return cluster.sync();
      }

      @Override
      public RedisClusterAsyncCommands<String, String> async() {
        return cluster.async();
      }

      @Override
      public StatefulRedisConnection<String, String> masterOf(String key) {
        RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
        if (master == null) {
          throw new IllegalStateException("no master serves the slot of " + key + " now");
        }
        return cluster.getConnection(master.getNodeId());
      }

      @Override
      public boolean clustered() {
        return true;
      }

      @Override
      public void close() {
        cluster.close();
      }
    };
  }
}
