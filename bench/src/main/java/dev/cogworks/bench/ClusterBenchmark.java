package dev.cogworks.bench;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.relay.RelayClient;
import dev.cogworks.core.internal.relay.WireRequest;
import dev.cogworks.core.internal.relay.redis.RedisRelay;
import dev.cogworks.testkit.TestEngines;
import dev.cogworks.testkit.TestRedisCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import redis.embedded.RedisServer;

/**
 * {@code scripts/bench.sh cluster}: what a publish costs the bot's send (acknowledge = engine) on
 * Redis: a single server, a 3-master Redis Cluster (each master with a replica, append-only files
 * synced on every write) without {@code WAIT}, and the same with {@code WAIT 1}, the default. One
 * request per publish (a lone send) and 50 (a burst's shared write, spread over the partitions and
 * so over the masters). Everything on loopback on this machine.
 */
final class ClusterBenchmark {
  private static final int WARMUP = 300;

  void run(int publishes) throws Exception {
    Map<String, Percentiles> results = new LinkedHashMap<>();
    int port = TestEngines.freePort();
    RedisServer server = TestEngines.newRedis(port, TestEngines.tempDir("cogworks-bench-redis"));
    try (TestRedisCluster cluster = TestRedisCluster.start(3)) {
      String single = "redis://127.0.0.1:" + port;
      for (int batch : List.of(1, 50)) {
        results.put("server, " + batch, measure(single, false, 0, batch, publishes));
        results.put("cluster, " + batch, measure(cluster.uri(), true, 0, batch, publishes));
        results.put("cluster WAIT 1, " + batch, measure(cluster.uri(), true, 1, batch, publishes));
      }
    } finally {
      TestEngines.stop(server);
    }
    System.out.printf(
        Locale.ROOT,
        "Publish latency on Redis (%,d publishes each, loopback, appendfsync always)%n",
        publishes);
    System.out.printf(
        Locale.ROOT,
        "%-26s %10s %10s %10s%n",
        "engine, requests/publish",
        "p50 ms",
        "p99 ms",
        "max ms");
    StringBuilder json = new StringBuilder("{\"benchmark\":\"cluster\"");
    for (var e : results.entrySet()) {
      Percentiles p = e.getValue();
      System.out.printf(
          Locale.ROOT, "%-26s %10.3f %10.3f %10.3f%n", e.getKey(), p.at(50), p.at(99), p.at(100));
      String key = e.getKey().replaceAll("[^a-zA-Z0-9]+", "_").toLowerCase(Locale.ROOT);
      json.append(
          String.format(
              Locale.ROOT, ",\"%s_p50_ms\":%.3f,\"%s_p99_ms\":%.3f", key, p.at(50), key, p.at(99)));
    }
    System.out.println(json.append('}'));
  }

  private static Percentiles measure(
      String uri, boolean cluster, int replicas, int batch, int publishes) {
    String unique = "b" + Long.toHexString(System.nanoTime());
    var config =
        ConfigLoader.load(
            null,
            ConfigFactory.parseMap(
                Map.of(
                    "messaging.mode",
                    "external_gateway",
                    "messaging.gateway.queue_type",
                    "redis",
                    "messaging.gateway.request_queue",
                    unique + "_requests",
                    "messaging.gateway.response_queue",
                    unique + "_responses",
                    "messaging.gateway.redis.uri",
                    uri,
                    "messaging.gateway.redis.cluster",
                    cluster,
                    "messaging.gateway.redis.wait_replicas",
                    replicas)),
            ClusterBenchmark.class.getClassLoader());
    List<Double> latencies = new ArrayList<>();
    try (RedisRelay relay = RedisRelay.open(config);
        RelayClient client = relay.client()) {
      for (int i = 0; i < WARMUP + publishes; i++) {
        List<WireRequest> requests = new ArrayList<>(batch);
        for (int j = 0; j < batch; j++) {
          long channel = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 60);
          requests.add(
              WireRequest.create(
                  new DiscordRequest.SendMessage(channel, "bench " + i, SendOptions.DEFAULT),
                  Instant.now(),
                  Duration.ofSeconds(30),
                  "bot_bench"));
        }
        long start = System.nanoTime();
        client.publish(requests);
        if (i >= WARMUP) {
          latencies.add((System.nanoTime() - start) / 1e6);
        }
      }
    }
    return new Percentiles(latencies);
  }
}
