package dev.cogworks.core.internal.runtime;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * A process's meter registry, read by the admin server's {@code /metrics}: JVM and process meters
 * bound, and Cogworks' timers published as histograms whose buckets span what Discord requests and
 * answers take (5 ms to 5 minutes), so Prometheus can compute percentiles across processes. Fifteen
 * fixed buckets rather than Micrometer's seventy-odd generated ones: a scrape stays small and fast
 * with a series per action and outcome.
 */
public final class Metrics {
  private static final double[] BUCKETS =
      java.util.stream.Stream.of(
              "5ms", "10ms", "25ms", "50ms", "100ms", "250ms", "500ms", "1s", "2.5s", "5s", "10s",
              "30s", "60s", "120s", "300s")
          .mapToDouble(b -> (double) parse(b).toNanos())
          .toArray();

  private static Duration parse(String text) {
    return text.endsWith("ms")
        ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
        : Duration.ofMillis(
            (long) (Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
  }

  private Metrics() {}

  public static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // promtool's lint refuses these two of Micrometer's names (an abbreviated unit; "_count" on a
    // gauge); process_cpu_usage and system_cpu_usage say what an operator needs of them.
    registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
    registry.config().meterFilter(MeterFilter.denyNameStartsWith("system.cpu.count"));
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith("cogworks.")) {
                  return config;
                }
                return DistributionStatisticConfig.builder()
                    .serviceLevelObjectives(BUCKETS)
                    .build()
                    .merge(config);
              }
            });
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    // Read at most every two seconds: see SampledMeters for what they cost per read.
    new SampledMeters(
            Duration.ofSeconds(2),
            java.util.List.of(new JvmThreadMetrics(), new ProcessorMetrics()))
        .bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }
}
