package dev.cogworks.core.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shared global budget never fails open")
class SharedRequestPacerTest {
  /** An engine that answers, or stops answering, as the test says. */
  private static final class Engine implements SharedRateLimits {
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger reservations = new AtomicInteger();

    /** How long the next answers take, in ms (a busy engine, or a process held up). */
    volatile long answerMillis;

    /** Down by hanging until a timeout rather than refusing at once. */
    volatile boolean hung;

    static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    final int workers;

    Engine(int workers) {
      this.workers = workers;
    }

    @Override
    public Duration takeGlobal() {
      if (down.get()) {
        if (hung) {
          reservations.incrementAndGet();
          sleep(300);
          throw new RelayException("timed out");
        }
        throw new RelayException("connection refused");
      }
      reservations.incrementAndGet();
      if (answerMillis > 0) {
        try {
          Thread.sleep(answerMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Duration.ZERO;
    }

    @Override
    public int liveWorkers() {
      if (down.get()) {
        throw new RelayException("connection refused");
      }
      return workers;
    }

    @Override
    public void block(long routeKey, String bucket, Instant until) {}

    @Override
    public Map<String, Instant> blocked(long routeKey) {
      return Map.of();
    }
  }

  @Test
  @DisplayName("With the engine away, a process paces itself at its share: 50 / (4 workers + 1)")
  void fallsBackToItsShare() throws InterruptedException {
    Engine engine = new Engine(4);
    SharedRequestPacer pacer = new SharedRequestPacer(engine, 50);
    pacer.acquire(); // counts the live workers while the engine answers
    engine.down.set(true);

    long start = System.nanoTime();
    for (int i = 0; i < 21; i++) {
      pacer.acquire();
    }
    // 10 per second: the 21st request can only go in the third window.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(2 * 1025 - 50));
    assertThat(pacer.fallingBack()).isTrue();
  }

  @Test
  @DisplayName("When the engine answers again, the shared budget paces again")
  void returnsToTheEngine() throws InterruptedException {
    Engine engine = new Engine(1);
    SharedRequestPacer pacer = new SharedRequestPacer(engine, 50);
    engine.down.set(true);
    pacer.acquire();
    assertThat(pacer.fallingBack()).isTrue();

    engine.down.set(false);
    long back = System.nanoTime();
    pacer.acquire();
    assertThat(pacer.fallingBack()).isFalse();
    // Its own last send was not in the engine's window: it waited for it to leave one first, and
    // the slot taken before that wait was taken again after it.
    assertThat(Duration.ofNanos(System.nanoTime() - back))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    assertThat(engine.reservations).hasValue(2);
  }

  @Test
  @DisplayName("A slot whose answer came much later than usual is taken again before the request")
  void slowAnswerTakesAgain() throws InterruptedException {
    Engine engine = new Engine(1);
    SharedRequestPacer pacer = new SharedRequestPacer(engine, 50);
    for (int i = 0; i < 20; i++) {
      pacer.acquire();
    }
    assertThat(engine.reservations).hasValue(20);

    engine.answerMillis = 60;
    pacer.acquire();
    // Taken again once (not again and again: the second answer is slow too).
    assertThat(engine.reservations).hasValue(22);
  }

  @Test
  @DisplayName(
      "An engine that hangs is tried by one request a second, not by every request in turn")
  void hungEngineIsProbedNowAndThen() throws InterruptedException {
    Engine engine = new Engine(1);
    SharedRequestPacer pacer = new SharedRequestPacer(engine, 50);
    pacer.acquire();
    engine.hung = true;
    engine.down.set(true);
    int before = engine.reservations.get();

    long start = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      pacer.acquire();
    }
    assertThat(pacer.fallingBack()).isTrue();
    // Ten requests well within a second of the first timeout: only the first waited on the engine.
    assertThat(engine.reservations.get() - before).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }
}
