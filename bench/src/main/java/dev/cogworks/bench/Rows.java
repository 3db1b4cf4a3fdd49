package dev.cogworks.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** How the benchmarks print a measured row as it comes, and round what they report. */
final class Rows {
  private Rows() {}

  /** One line of {@code key=value} pairs, flushed at once (a long run shows its progress). */
  static void print(ObjectNode row) {
    StringBuilder line = new StringBuilder();
    row.fields()
        .forEachRemaining(
            e -> line.append(e.getKey()).append('=').append(e.getValue().asText()).append("  "));
    System.out.println(line.toString().trim());
    System.out.flush();
  }

  /** To three decimals, as the JSON lines report figures. */
  static double round(double value) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3f", value));
  }
}
