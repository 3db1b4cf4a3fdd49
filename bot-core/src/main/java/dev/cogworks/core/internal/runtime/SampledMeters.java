package dev.cogworks.core.internal.runtime;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Meters that are expensive to read, read at most once per {@code maxAge} however often they are
 * scraped. Two of Micrometer's binders cost far more than the rest of a scrape together: in a
 * container the JDK answers {@code system.cpu.usage} and {@code process.cpu.usage} by opening and
 * reading a dozen cgroup files each time (about a megabyte of buffers per scrape), and {@code
 * jvm.threads.states} takes every thread's info six times, each a safepoint that stops the whole
 * process. A busy monitor page or several scrapers would then slow every other request through
 * pauses. The binders register into a private registry; the real registry gets gauges and counters
 * of the same names, tags and units that answer from the last reading. One reader refreshes all of
 * them when they are stale while the others use the previous values, so no scrape waits on another.
 */
final class SampledMeters implements MeterBinder {
  private final List<MeterBinder> sources;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final List<DoubleSupplier> readers = new ArrayList<>();
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile double[] values = new double[0];
  private volatile long refreshedAt;
  private volatile boolean read;

  SampledMeters(Duration maxAge, List<MeterBinder> sources) {
    this(maxAge, sources, System::nanoTime);
  }

  SampledMeters(Duration maxAge, List<MeterBinder> sources, LongSupplier nanoTime) {
    this.sources = List.copyOf(sources);
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    SimpleMeterRegistry source = new SimpleMeterRegistry();
    sources.forEach(binder -> binder.bindTo(source));
    for (Meter meter : source.getMeters()) {
      int index = readers.size();
      Meter.Id id = meter.getId();
      if (meter instanceof Gauge gauge) {
        readers.add(gauge::value);
        Gauge.builder(id.getName(), () -> value(index))
            .tags(id.getTags())
            .description(id.getDescription())
            .baseUnit(id.getBaseUnit())
            .register(registry);
      } else if (meter instanceof FunctionCounter counter) {
        readers.add(counter::count);
        FunctionCounter.builder(id.getName(), this, sampled -> sampled.value(index))
            .tags(id.getTags())
            .description(id.getDescription())
            .baseUnit(id.getBaseUnit())
            .register(registry);
      } else {
        throw new IllegalArgumentException(
            "A sampled meter must be a gauge or a function counter; "
                + id.getName()
                + " is a "
                + id.getType());
      }
    }
    values = new double[readers.size()];
  }

  private double value(int index) {
    long now = nanoTime.getAsLong();
    boolean stale = !read || now - refreshedAt >= maxAgeNanos;
    if (stale && refreshing.compareAndSet(false, true)) {
      try {
        double[] fresh = new double[readers.size()];
        for (int i = 0; i < fresh.length; i++) {
          fresh[i] = readers.get(i).getAsDouble();
        }
        values = fresh;
        refreshedAt = now;
        read = true;
      } finally {
        refreshing.set(false);
      }
    }
    // Until the first reading is done, a concurrent reader sees NaN: Prometheus's "no value".
    return read ? values[index] : Double.NaN;
  }
}
