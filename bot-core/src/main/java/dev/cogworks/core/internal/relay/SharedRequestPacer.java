package dev.cogworks.core.internal.relay;

import dev.cogworks.core.internal.messaging.GlobalRequestPacer;
import dev.cogworks.core.internal.messaging.GlobalWindow;
import dev.cogworks.core.internal.messaging.RequestPacer;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces a process's REST requests by the global budget its engine shares with all the others. A
 * request takes its slot at the moment it goes ({@link SharedRateLimits#takeGlobal}), as the local
 * pacer does: a thread that wakes late on a busy machine sends late and the requests after it are
 * spaced from when it really went, where a slot booked ahead would have let them crowd into one of
 * Discord's seconds. The process's waiting requests queue on a fair lock and only the first asks
 * the engine, so a burst costs the engine one call per slot per process, not one per waiting
 * request. It never fails open: when the engine cannot be asked (unreachable, out of connections),
 * this process paces itself at its share of the limit — the limit divided among the live workers
 * and this bot — until the engine answers again, so an engine in trouble does not turn into global
 * 429s.
 */
public final class SharedRequestPacer implements RequestPacer {
  private static final Logger log = LoggerFactory.getLogger(SharedRequestPacer.class);
  private static final long COUNT_EVERY_NANOS = Duration.ofSeconds(5).toNanos();
  private static final long SLOW_MARGIN_NANOS = Duration.ofMillis(10).toNanos();
  private static final long HUNG_NANOS = Duration.ofMillis(100).toNanos();
  private static final long PROBE_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

  private final SharedRateLimits limits;
  private final int perSecond;
  private final ReentrantLock turn = new ReentrantLock(true);
  private volatile int processes = 2; // this one and at least one other, until counted
  private volatile long countedAt = Long.MIN_VALUE;
  private volatile GlobalRequestPacer fallback;
  private volatile boolean fallingBack;
  private volatile long lastFallbackSend = Long.MIN_VALUE;
  private volatile long usualAnswerNanos;
  private volatile long nextProbe;

  public SharedRequestPacer(SharedRateLimits limits, int perSecond) {
    this.limits = limits;
    this.perSecond = perSecond;
  }

  @Override
  public Duration acquire() throws InterruptedException {
    long start = System.nanoTime();
    turn.lockInterruptibly();
    try {
      boolean retaken = false;
      while (true) {
        if (fallingBack && System.nanoTime() - nextProbe < 0) {
          // The engine hung on the last try: only one request a second waits on it again.
          fallback.acquire();
          lastFallbackSend = System.nanoTime();
          return Duration.ofNanos(System.nanoTime() - start);
        }
        Duration wait;
        long tried = System.nanoTime();
        long asked;
        long answered;
        try {
          countProcesses();
          asked = System.nanoTime();
          wait = limits.takeGlobal();
          answered = System.nanoTime();
        } catch (RelayException e) {
          long failedAfter = System.nanoTime() - tried;
          // A refusal costs nothing to try again with each request; a timeout costs its length,
          // and the requests queued behind this lock would each pay it.
          nextProbe = failedAfter > HUNG_NANOS ? System.nanoTime() + PROBE_EVERY_NANOS : 0;
          fallback(e).acquire();
          lastFallbackSend = System.nanoTime();
          return Duration.ofNanos(System.nanoTime() - start);
        }
        if (fallingBack) {
          fallingBack = false;
          log.info("The shared global budget answers again; pacing by it after a quiet window");
          quietAfterFallback();
          continue; // the slot just taken is stale now; it stays counted
        }
        if (wait.isZero() || wait.isNegative()) {
          if (slowAnswer(answered - asked) && !retaken) {
            // This process was held up between the engine reading its clock and now (a busy
            // machine descheduled it, or the engine was slow): the slot is recorded earlier than
            // the request will reach Discord, by more than the window's margin allows for. Taken
            // again, the request is counted when it really goes; the first slot stays counted.
            retaken = true;
            continue;
          }
          return Duration.ofNanos(System.nanoTime() - start);
        }
        Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
      }
    } finally {
      turn.unlock();
    }
  }

  /**
   * Whether a take's round trip was slow for this engine: over twice its usual time (a moving
   * average) plus 10 ms. A remote engine's steady round trip is its usual, not slow.
   */
  private boolean slowAnswer(long nanos) {
    long usual = usualAnswerNanos;
    usualAnswerNanos = usual == 0 ? nanos : usual + (nanos - usual) / 16;
    return usual != 0 && nanos > 2 * usual + SLOW_MARGIN_NANOS;
  }

  /**
   * After pacing itself, this process waits until its own last send has left a window before it
   * paces by the shared budget again: the engine never saw those sends, so its window looks emptier
   * than Discord's, and every process coming back at once would crowd the next second.
   */
  private void quietAfterFallback() throws InterruptedException {
    long last = lastFallbackSend;
    if (last == Long.MIN_VALUE) {
      return;
    }
    long quiet =
        last + Duration.ofMillis(GlobalWindow.SHARED_WINDOW_MILLIS).toNanos() - System.nanoTime();
    if (quiet > 0) {
      Thread.sleep(quiet / 1_000_000, (int) (quiet % 1_000_000));
    }
  }

  /** Refreshes how many processes share the budget, now and then, while the engine answers. */
  private void countProcesses() {
    long now = System.nanoTime();
    if (now - countedAt < COUNT_EVERY_NANOS && countedAt != Long.MIN_VALUE) {
      return;
    }
    countedAt = now;
    processes = Math.max(1, limits.liveWorkers()) + 1;
  }

  private GlobalRequestPacer fallback(RelayException cause) {
    int share = Math.max(1, perSecond / processes);
    GlobalRequestPacer local = fallback;
    if (local == null || !fallingBack) {
      local = new GlobalRequestPacer(share);
      fallback = local;
      fallingBack = true;
      log.warn(
          "Cannot take a slot in the shared global budget ({}); pacing this process at its"
              + " share, {} request(s)/s, until the engine answers",
          cause.getMessage(),
          share);
    }
    return local;
  }

  /** Whether the engine is away and this process paces itself at its share. */
  public boolean fallingBack() {
    return fallingBack;
  }
}
