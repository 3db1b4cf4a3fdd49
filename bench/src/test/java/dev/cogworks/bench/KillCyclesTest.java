package dev.cogworks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The short version of {@code scripts/chaos.sh kills}: one {@code kill -9} of the bot process in
 * the middle of a burst in each mode, then one of a gateway worker process (of two) on Redis. Real
 * processes, not an abrupt close in this JVM: only a process's death shows what a mode keeps
 * outside its memory (an in-JVM "crash" would still run its threads and hooks).
 */
@DisplayName("kill -9 mid-burst: the bot in every mode, a gateway worker")
class KillCyclesTest {
  @Test
  @DisplayName("external_gateway loses nothing accepted; others at most what was in memory")
  void oneKillPerMode() throws Exception {
    long start = System.nanoTime();
    List<KillBenchmark.Row> rows =
        new KillBenchmark(1_200)
            .run(List.of("direct", "in_process", "postgresql", "redis"), 1, 1, List.of("redis"));
    rows.forEach(System.out::println);
    System.out.printf("kill cycles took %.1f s%n", (System.nanoTime() - start) / 1e9);

    assertThat(rows).hasSize(5);
    for (KillBenchmark.Row row : rows) {
      assertThat(row.accepted()).as("%s: sends accepted before the kill", row).isPositive();
      assertThat(row.duplicated()).as("%s: delivered twice", row).isZero();
      if (row.target().startsWith("external")) {
        // acknowledge = engine: what a send accepted, the engine held.
        assertThat(row.acknowledged()).as("%s: in the engine", row).isPositive();
        assertThat(row.lost()).as("%s: accepted, then lost", row).isZero();
      } else {
        assertThat(row.lost())
            .as("%s: lost beyond memory", row)
            .isLessThanOrEqualTo(row.inMemoryAtKill());
      }
      if (row.killed().equals("a worker")) {
        // The bot lived on: every send of the burst arrives, the dead worker's after its lease.
        assertThat(row.accepted()).isEqualTo(KillBenchmark.SENDS);
        assertThat(row.lost()).as("%s: lost", row).isZero();
      }
    }
  }
}
