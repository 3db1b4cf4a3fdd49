package dev.cogworks.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SampledMetersTest {
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger value = new AtomicInteger(7);

  private SimpleMeterRegistry bound() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new SampledMeters(
            Duration.ofSeconds(2),
            List.of(
                source ->
                    Gauge.builder(
                            "costly.gauge",
                            () -> {
                              reads.incrementAndGet();
                              return value.get();
                            })
                        .tag("kind", "test")
                        .baseUnit("things")
                        .description("expensive to read")
                        .register(source),
                source ->
                    FunctionCounter.builder("costly.total", value, v -> v.get() * 10.0)
                        .register(source)),
            clock::get)
        .bindTo(registry);
    return registry;
  }

  @Test
  void keepsNameTagsUnitAndDescription() {
    Gauge gauge = bound().get("costly.gauge").tag("kind", "test").gauge();
    assertThat(gauge.getId().getBaseUnit()).isEqualTo("things");
    assertThat(gauge.getId().getDescription()).isEqualTo("expensive to read");
    assertThat(gauge.value()).isEqualTo(7.0);
  }

  @Test
  void readsTheSourceAtMostOncePerMaxAge() {
    SimpleMeterRegistry registry = bound();
    Gauge gauge = registry.get("costly.gauge").gauge();
    FunctionCounter counter = registry.get("costly.total").functionCounter();
    assertThat(gauge.value()).isEqualTo(7.0);
    assertThat(counter.count()).isEqualTo(70.0);

    value.set(9);
    for (int i = 0; i < 1_000; i++) {
      assertThat(gauge.value()).isEqualTo(7.0);
    }
    clock.addAndGet(Duration.ofMillis(1_999).toNanos());
    assertThat(gauge.value()).as("still younger than two seconds").isEqualTo(7.0);
    assertThat(reads).hasValue(1);

    clock.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(gauge.value()).isEqualTo(9.0);
    assertThat(counter.count()).isEqualTo(90.0);
    assertThat(reads).hasValue(2);
  }

  @Test
  void refusesMetersItCannotSample() {
    assertThatThrownBy(
            () ->
                new SampledMeters(
                        Duration.ofSeconds(1),
                        List.of(source -> Timer.builder("t").register(source)))
                    .bindTo(new SimpleMeterRegistry()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t is a TIMER");
  }
}
