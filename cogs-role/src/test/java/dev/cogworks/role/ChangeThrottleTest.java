package dev.cogworks.role;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ChangeThrottle: one change per interval, the last wish winning")
class ChangeThrottleTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<Boolean> applied = new CopyOnWriteArrayList<>();
  private final ChangeThrottle throttle = new ChangeThrottle(Duration.ofMillis(300), timer);
  private final ChangeThrottle.Key key = new ChangeThrottle.Key(1, 2, 3);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  private CompletableFuture<Outcome> wish(boolean add) {
    return throttle.submit(
        key,
        add,
        a -> {
          applied.add(a);
          return CompletableFuture.completedFuture(Outcome.done(a ? "gave" : "took"));
        });
  }

  @Test
  @DisplayName(
      "Five wishes at once: the first runs, the last of the others runs after the interval")
  void lastWishWins() throws Exception {
    long start = System.nanoTime();
    CompletableFuture<Outcome> first = wish(true);
    wish(false);
    wish(true);
    assertThat(throttle.pending(key)).contains(true);
    CompletableFuture<Outcome> fourth = wish(false);
    CompletableFuture<Outcome> last = wish(false);

    assertThat(first.get(1, TimeUnit.SECONDS).text()).isEqualTo("gave");
    assertThat(last.get(2, TimeUnit.SECONDS).text()).isEqualTo("took");
    assertThat(fourth).isSameAs(last);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(applied).containsExactly(true, false);
  }

  @Test
  @DisplayName("A wish that changed nothing does not start the interval")
  void noChangeNoWait() throws Exception {
    ChangeThrottle t = new ChangeThrottle(Duration.ofSeconds(30), timer);
    for (int i = 0; i < 3; i++) {
      Outcome o =
          t.submit(key, true, a -> CompletableFuture.completedFuture(Outcome.already("had")))
              .get(1, TimeUnit.SECONDS);
      assertThat(o.text()).isEqualTo("had");
    }
  }

  @Test
  @DisplayName(
      "Toggles from many threads at once alternate: an odd number of clicks ends with the role")
  void concurrentTogglesAlternate() throws Exception {
    var clicks = Executors.newFixedThreadPool(8);
    try {
      var ready = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<CompletableFuture<Outcome>>> toggles =
          new java.util.ArrayList<>();
      for (int i = 0; i < 7; i++) {
        toggles.add(
            clicks.submit(
                () -> {
                  ready.await();
                  // Every click's event says "does not have it": they were all made before any
                  // change reached Discord.
                  return throttle.toggle(
                      key,
                      false,
                      a -> {
                        applied.add(a);
                        return CompletableFuture.completedFuture(Outcome.done(a ? "gave" : "took"));
                      });
                }));
      }
      ready.countDown();
      for (var toggle : toggles) {
        toggle.get(1, TimeUnit.SECONDS).get(2, TimeUnit.SECONDS);
      }
      assertThat(throttle.pending(key)).contains(true);
      assertThat(applied.get(applied.size() - 1)).isTrue();
      assertThat(applied.size()).isLessThanOrEqualTo(2);
    } finally {
      clicks.shutdownNow();
    }
  }
}
