package dev.cogworks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The short version of {@code scripts/bench.sh scale}: two bot processes (shards 0/2 and 1/2) and
 * three REST-only gateway worker processes on PostgreSQL, sharing one database, with a narrow and a
 * wide burst over both bots' guilds and a worker killed with {@code kill -9} mid-burst. PostgreSQL
 * rather than the Redis Cluster: the bots' database is its engine too, where the cluster would add
 * six redis-servers on this 2-core machine; the cluster's failover has its own test in bot-app
 * (ExternalRedisClusterContractTest) and its figures come from the full run.
 */
@DisplayName("Scale, short: 2 bots (one per shard) + 3 REST-only workers, one PostgreSQL")
class ScaleTest {
  @Test
  @DisplayName(
      "Bursts over both bots' guilds and a worker's kill -9: nothing lost or repeated, no 429,"
          + " order kept, and only the bots open gateway sessions")
  void shortScaleRun() throws Exception {
    long start = System.nanoTime();
    List<ObjectNode> rows =
        new ScaleBenchmark(ScaleBenchmark.Plan.SHORT).measure(List.of("postgresql"));
    System.out.printf("short scale run took %.1f s%n", (System.nanoTime() - start) / 1e9);

    List<ObjectNode> counted = rows.stream().filter(r -> r.has("lost")).toList();
    assertThat(counted)
        .extracting(r -> r.get("phase").asText())
        .containsExactly("narrow 4x10", "wide 100x1", "worker kill -9");
    // Every send of each phase, both bots': the bots live on through a worker's death.
    Map<String, Integer> sends =
        Map.of("narrow 4x10", 40, "wide 100x1", 100, "worker kill -9", 200);
    for (ObjectNode row : counted) {
      assertThat(row.get("accepted").asInt())
          .as("%s: accepted", row)
          .isEqualTo(sends.get(row.get("phase").asText()));
      assertThat(row.get("delivered").asInt())
          .as("%s: delivered", row)
          .isEqualTo(row.get("accepted").asInt());
      assertThat(row.get("lost").asInt()).as("%s: lost", row).isZero();
      assertThat(row.get("duplicated").asInt()).as("%s: duplicated", row).isZero();
      assertThat(row.get("in_order").asBoolean()).as("%s: order per channel", row).isTrue();
      assertThat(row.get("rate_limited_429").asLong()).as("%s: 429s", row).isZero();
    }
    ObjectNode sessions =
        rows.stream()
            .filter(r -> r.get("phase").asText().equals("gateway sessions"))
            .findFirst()
            .orElseThrow();
    assertThat(sessions.get("sessions_started").asLong())
        .as("one per bot, none per worker")
        .isEqualTo(2);
  }
}
