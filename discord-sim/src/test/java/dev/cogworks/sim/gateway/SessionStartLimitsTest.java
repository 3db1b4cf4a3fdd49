package dev.cogworks.sim.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.sim.gateway.SessionStartLimits.Admission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SessionStartLimits: the daily budget and identify spacing (audit C7)")
class SessionStartLimitsTest {
  private static final long APP = 42;

  /** Wall time and monotonic time, both moved by the test. */
  private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

  private final AtomicLong nanos = new AtomicLong();
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }
      };

  private SessionStartLimits limits(int total, int maxConcurrency) {
    return new SessionStartLimits(
        new GatewayLimits(Duration.ofSeconds(10), total, maxConcurrency), clock, nanos::get);
  }

  private void pass(Duration duration) {
    millis.addAndGet(duration.toMillis());
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  @DisplayName("given max_concurrency 2, shards 0 and 1 identify at once; shard 2 waits 5 s")
  void oneIdentifyPerBucketPerFiveSeconds() {
    SessionStartLimits limits = limits(1000, 2);

    assertThat(limits.admit(APP, 0)).isEqualTo(Admission.ACCEPTED);
    assertThat(limits.admit(APP, 1)).isEqualTo(Admission.ACCEPTED);
    assertThat(limits.admit(APP, 2)).isEqualTo(Admission.TOO_SOON);
    pass(Duration.ofMillis(4_999));
    assertThat(limits.admit(APP, 2)).isEqualTo(Admission.TOO_SOON);
    pass(Duration.ofMillis(1));
    assertThat(limits.admit(APP, 2)).isEqualTo(Admission.ACCEPTED);
    assertThat(limits.admit(7, 0)).as("another application").isEqualTo(Admission.ACCEPTED);
  }

  @Test
  @DisplayName("a refused IDENTIFY spends nothing; the budget counts down and reports reset_after")
  void budgetCountsAcceptedIdentifiesOnly() {
    SessionStartLimits limits = limits(3, 1);
    assertThat(limits.snapshot(APP)).isEqualTo(new SessionStartLimits.Snapshot(3, 3, 0, 1));

    limits.admit(APP, 0);
    limits.admit(APP, 0); // too soon
    pass(Duration.ofHours(1));

    assertThat(limits.snapshot(APP))
        .isEqualTo(new SessionStartLimits.Snapshot(3, 2, Duration.ofHours(23).toMillis(), 1));
  }

  @Test
  @DisplayName("once the budget is spent IDENTIFY is EXHAUSTED until 24 h after the first")
  void exhaustedUntilTheDayEnds() {
    SessionStartLimits limits = limits(2, 1);
    limits.admit(APP, 0);
    pass(Duration.ofSeconds(5));
    limits.admit(APP, 0);
    pass(Duration.ofSeconds(5));

    assertThat(limits.admit(APP, 0)).isEqualTo(Admission.EXHAUSTED);
    pass(Duration.ofHours(24).minusSeconds(11));
    assertThat(limits.admit(APP, 0)).isEqualTo(Admission.EXHAUSTED);
    pass(Duration.ofSeconds(1));
    assertThat(limits.admit(APP, 0)).isEqualTo(Admission.ACCEPTED);
    assertThat(limits.snapshot(APP).remaining()).isEqualTo(1);
  }
}
