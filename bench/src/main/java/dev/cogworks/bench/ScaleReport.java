package dev.cogworks.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** {@link ScaleBenchmark}'s rows as a table, then one JSON line with every figure. */
final class ScaleReport {
  private static final String FORMAT =
      "%-13s %-17s %8s %9s %4s %3s %4s %5s %7s %5s %5s %6s %8s %7s %7s %8s %8s%n";
  private static final String[][] COLUMNS = {
    {"accepted", "accepted"},
    {"delivered", "delivered"},
    {"lost", "lost"},
    {"duplicated", "dup"},
    {"rate_limited_429", "429"},
    {"in_order", "order"},
    {"wall_s", "wall s"},
    {"minimum_s", "min s"},
    {"efficiency", "eff"},
    {"flowing_again_s", "flow s"},
    {"failover_s", "failover"},
    {"p50_ms", "p50 ms"},
    {"p99_ms", "p99 ms"},
    {"added_p50_ms", "+p50 ms"},
    {"sessions_started", "sessions"},
  };

  private ScaleReport() {}

  static void print(String plan, List<ObjectNode> rows, double seconds) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "%nScale (%s run, %.0f s): 2 bot processes (shards 0/2 and 1/2) and %d REST-only gateway"
            + " workers sharing one PostgreSQL database and one engine, on loopback. Bursts at"
            + " Discord's limits; lone sends and faults with the buckets relaxed (the global 50/s"
            + " kept). flow s: the longest any channel waited after the fault for its next message;"
            + " p50/p99: a lone send's round trip in the cog; +p50: over direct.%n",
        plan,
        seconds,
        ScaleDeployment.WORKERS);
    Object[] header = new Object[COLUMNS.length + 2];
    header[0] = "engine";
    header[1] = "phase";
    for (int i = 0; i < COLUMNS.length; i++) {
      header[i + 2] = COLUMNS[i][1];
    }
    System.out.printf(Locale.ROOT, FORMAT, header);
    for (ObjectNode row : rows) {
      Object[] cells = new Object[COLUMNS.length + 2];
      cells[0] = row.get("engine").asText();
      cells[1] = row.get("phase").asText();
      for (int i = 0; i < COLUMNS.length; i++) {
        cells[i + 2] = row.has(COLUMNS[i][0]) ? row.get(COLUMNS[i][0]).asText() : "-";
      }
      System.out.printf(Locale.ROOT, FORMAT, cells);
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode result = json.createObjectNode();
    result.put("benchmark", "scale");
    result.put("plan", plan);
    result.put("seconds", Math.round(seconds));
    result.set("rows", json.valueToTree(rows));
    System.out.println(json.writeValueAsString(result));
  }
}
