package dev.cogworks.core.internal.relay;

import dev.cogworks.core.internal.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a worker's lease alive: renews it every {@code lease/3} on a thread of its own (so a busy
 * worker never misses a renewal), and knows until when the last successful renewal holds. The
 * engine's housekeeping runs on the same thread.
 */
public final class LeaseHeartbeat implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaseHeartbeat.class);

  /** One renewal in the engine; throws when it did not happen. */
  public interface Renewal {
    void renew() throws Exception;
  }

  private final String workerId;
  private final Duration lease;
  private final Renewal renewal;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gateway-lease"));
  private volatile long liveUntil = System.nanoTime();

  public LeaseHeartbeat(String workerId, Duration lease, Renewal renewal) {
    this.workerId = workerId;
    this.lease = lease;
    this.renewal = renewal;
  }

  /** Renews once now, then every {@code lease/3}. */
  public void start() {
    renew();
    long every = Math.max(200, lease.toMillis() / 3);
    timer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  private void renew() {
    // Counted from before the call: the engine's own expiry starts later, so this errs early.
    long started = System.nanoTime();
    try {
      renewal.renew();
      liveUntil = started + lease.toNanos();
    } catch (Exception e) {
      log.warn("Cannot renew the lease of worker {}: {}", workerId, e.getMessage());
    }
  }

  /** Also runs {@code task} every {@code period} on the heartbeat's thread. */
  public void every(Duration period, Runnable task) {
    timer.scheduleAtFixedRate(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("Worker {}: housekeeping failed: {}", workerId, e.getMessage());
          }
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Whether the lease still holds by the last successful renewal. */
  public boolean live() {
    return System.nanoTime() - liveUntil < 0;
  }

  /** Stops renewing; the lease runs out by itself. */
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
