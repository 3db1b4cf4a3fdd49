package dev.cogworks.testkit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis Cluster on loopback: {@code masters} redis-server processes (embedded-redis's bundled
 * binary, run with {@code --cluster-enabled yes}) holding the 16384 slots in even ranges, each with
 * one replica, set up through Lettuce as {@code redis-cli --cluster create} would (ADDSLOTS, MEET,
 * REPLICATE). Every node keeps an append-only file synced on every write and its cluster config in
 * a directory of its own, so a node killed and {@link #restart restarted} rejoins as it left (a
 * failed-over master comes back as its replacement's replica). Node timeout 1 s: a master killed is
 * replaced by its replica within about two seconds.
 */
public final class TestRedisCluster implements AutoCloseable {
  private static final int SLOTS = 16384;
  private static File binary;

  private final Path dir;
  private final int[] ports;
  private final Process[] processes;
  private final RedisClient client = RedisClient.create();

  private TestRedisCluster(int masters) {
    this.dir = TestEngines.tempDir("cogworks-redis-cluster");
    this.ports = IntStream.range(0, masters * 2).map(i -> TestEngines.freePort()).toArray();
    this.processes = new Process[ports.length];
  }

  /** Starts {@code masters} masters and as many replicas and waits until the cluster is ok. */
  public static TestRedisCluster start(int masters) {
    TestRedisCluster cluster = new TestRedisCluster(masters);
    try {
      cluster.create(masters);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void create(int masters) {
    for (int i = 0; i < ports.length; i++) {
      processes[i] = launch(i);
    }
    for (int i = 0; i < masters; i++) {
      int from = SLOTS * i / masters;
      int to = SLOTS * (i + 1) / masters;
      run(ports[i], r -> r.clusterAddSlots(IntStream.range(from, to).toArray()));
    }
    for (int i = 1; i < ports.length; i++) {
      int port = ports[i];
      run(ports[0], r -> r.clusterMeet("127.0.0.1", port));
    }
    for (int port : ports) {
      awaitNode(port, r -> r.clusterNodes().lines().count() == ports.length, "to know every node");
    }
    for (int i = masters; i < ports.length; i++) {
      String master = run(ports[i - masters], RedisCommands::clusterMyId);
      run(ports[i], r -> r.clusterReplicate(master));
    }
    awaitHealthy();
  }

  /**
   * Waits until every node running sees the cluster ok and every replica is in sync with its master
   * (so a {@code WAIT 1} on any master is answered).
   */
  public void awaitHealthy() {
    for (int i = 0; i < ports.length; i++) {
      if (processes[i] == null) {
        continue;
      }
      awaitNode(ports[i], r -> r.clusterInfo().contains("cluster_state:ok"), "to be ok");
      awaitNode(
          ports[i],
          r -> {
            String replication = r.info("replication");
            return replication.contains("role:master")
                || replication.contains("master_link_status:up");
          },
          "to be in sync with its master");
    }
  }

  /** Seed nodes for {@code messaging.gateway.redis.uri} with {@code cluster = true}. */
  public String uri() {
    StringBuilder uri = new StringBuilder("redis://");
    for (int i = 0; i < ports.length; i++) {
      uri.append(i == 0 ? "" : ",").append("127.0.0.1:").append(ports[i]);
    }
    return uri.toString();
  }

  /** The port of the master serving {@code key}'s slot now, asked of a node that runs. */
  public int masterOf(String key) {
    int any = running().get(0);
    long slot = run(any, r -> r.clusterKeyslot(key));
    for (String line : run(any, RedisCommands::clusterNodes).split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) {
        continue;
      }
      for (int i = 8; i < f.length; i++) {
        String[] range = f[i].split("-");
        if (range[0].startsWith("[")) {
          continue; // a slot being migrated
        }
        long from = Long.parseLong(range[0]);
        long to = range.length > 1 ? Long.parseLong(range[1]) : from;
        if (slot >= from && slot <= to) {
          return Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
        }
      }
    }
    throw new IllegalStateException("no master serves slot " + slot);
  }

  /** The ports of the nodes that are masters now. */
  public List<Integer> masters() {
    List<Integer> masters = new ArrayList<>();
    for (int port : running()) {
      if (run(port, r -> r.info("replication")).contains("role:master")) {
        masters.add(port);
      }
    }
    return masters;
  }

  /** Kills the node on {@code port} with SIGKILL: no shutdown, no last write to its files. */
  public void kill(int port) {
    int i = indexOf(port);
    processes[i].destroyForcibly();
    try {
      processes[i].waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    processes[i] = null;
  }

  /** Starts the node on {@code port} again from its files. */
  public void restart(int port) {
    int i = indexOf(port);
    processes[i] = launch(i);
  }

  /** Kills every node (an outage of the whole cluster); {@link #startAll} brings it back. */
  public void killAll() {
    for (int port : running()) {
      kill(port);
    }
  }

  /**
   * Starts every node that is down from its files and waits until the cluster is ok again: the
   * nodes remember the cluster (nodes.conf) and their data (an append-only file synced on every
   * write).
   */
  public void startAll() {
    for (int i = 0; i < ports.length; i++) {
      if (processes[i] == null) {
        processes[i] = launch(i);
      }
    }
    awaitHealthy();
  }

  /** Runs a command on the node at {@code port} (a connection of its own, closed after). */
  public <T> T run(
      int port, java.util.function.Function<RedisCommands<String, String>, T> command) {
    try (StatefulRedisConnection<String, String> c =
        client.connect(RedisURI.create("127.0.0.1", port))) {
      return command.apply(c.sync());
    }
  }

  private List<Integer> running() {
    List<Integer> running = new ArrayList<>();
    for (int i = 0; i < ports.length; i++) {
      if (processes[i] != null) {
        running.add(ports[i]);
      }
    }
    return running;
  }

  private int indexOf(int port) {
    for (int i = 0; i < ports.length; i++) {
      if (ports[i] == port) {
        return i;
      }
    }
    throw new IllegalArgumentException("no node on port " + port);
  }

  private Process launch(int i) {
    Path node = dir.resolve("node-" + ports[i]);
    try {
      Files.createDirectories(node);
      Process process =
          new ProcessBuilder(
                  binary().getAbsolutePath(),
                  "--port",
                  Integer.toString(ports[i]),
                  "--bind",
                  "127.0.0.1",
                  "--dir",
                  node.toString(),
                  "--cluster-enabled",
                  "yes",
                  "--cluster-config-file",
                  node.resolve("nodes.conf").toString(),
                  "--cluster-node-timeout",
                  "1000",
                  "--appendonly",
                  "yes",
                  "--appendfsync",
                  "always",
                  "--save",
                  "")
              .redirectErrorStream(true)
              .redirectOutput(node.resolve("redis.log").toFile())
              .start();
      awaitNode(ports[i], r -> "PONG".equals(r.ping()), "to start");
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitNode(
      int port, Predicate<RedisCommands<String, String>> ready, String description) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (run(port, ready::test)) {
          return;
        }
      } catch (RuntimeException e) {
        last = e; // not listening yet
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException(
        "the Redis node on port " + port + " took over 30s " + description, last);
  }

  /** embedded-redis's redis-server for this platform, extracted once per JVM. */
  private static synchronized File binary() throws IOException {
    if (binary == null) {
      binary = ExecutableProvider.newJarResourceProvider().get();
    }
    return binary;
  }

  @Override
  public void close() {
    for (int i = 0; i < processes.length; i++) {
      if (processes[i] != null) {
        processes[i].destroyForcibly();
        processes[i] = null;
      }
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }
}
