package dev.cogworks.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves forward: the simulator then sees time pass without the test waiting. */
public final class TestClock extends Clock {
  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  private TestClock(Clock base) {
    this.base = base;
  }

  /** The system's time, plus whatever {@link #advance} added. */
  public static TestClock ticking() {
    return new TestClock(Clock.systemUTC());
  }

  /** Stands still at {@code instant} until {@link #advance}d. */
  public static TestClock frozenAt(Instant instant) {
    return new TestClock(Clock.fixed(instant, ZoneOffset.UTC));
  }

  public synchronized void advance(Duration duration) {
    offset = offset.plus(duration);
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the simulator reads instants only");
  }
}
