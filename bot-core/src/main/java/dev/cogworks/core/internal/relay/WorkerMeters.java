package dev.cogworks.core.internal.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code cogworks.gateway.requests{outcome}}: success, error (Discord's, answered typed), internal
 * (ran, but its answer could not be built), expired (deadline passed before start; not sent),
 * invalid (unreadable), handed_back (not answered here: its answer could not be stored, or the
 * worker stopped or lost it before it started; it runs again).
 */
final class WorkerMeters {
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  WorkerMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void outcome(String outcome) {
    counters
        .computeIfAbsent(
            outcome,
            o ->
                Counter.builder("cogworks.gateway.requests")
                    .description("Requests a gateway worker finished, by outcome")
                    .tag("outcome", o)
                    .register(registry))
        .increment();
  }

  Map<String, Long> outcomes() {
    Map<String, Long> outcomes = new TreeMap<>();
    counters.forEach((k, v) -> outcomes.put(k, (long) v.count()));
    return outcomes;
  }
}
