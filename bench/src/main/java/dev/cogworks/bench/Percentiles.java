package dev.cogworks.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of measured latencies, in milliseconds. */
final class Percentiles {
  private final List<Double> values;

  Percentiles(List<Double> values) {
    this.values = new ArrayList<>(values);
    Collections.sort(this.values);
  }

  double at(double percentile) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percentile / 100.0 * values.size());
    return values.get(Math.max(0, Math.min(values.size() - 1, rank - 1)));
  }
}
