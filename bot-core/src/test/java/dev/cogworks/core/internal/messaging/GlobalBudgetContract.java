package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.LongUnaryOperator;

/**
 * The global budget's one rule, asked of every runtime that keeps it: the engines (a PostgreSQL
 * function, a Redis script) must give exactly the waits the Java {@link GlobalWindow} gives, for
 * the same requests at the same times. The Java rule's own cases are in {@code GlobalWindowTest}.
 */
public final class GlobalBudgetContract {
  public static final int LIMIT = 5;

  private GlobalBudgetContract() {}

  /**
   * Asks for 400 slots at pseudo-random times (bursts and gaps) of {@code engine} (given a time,
   * takes a slot and returns 0, or returns the wait) and of the Java rule, and asserts they agree
   * on every one.
   */
  public static void assertSameWaits(LongUnaryOperator engine) {
    GlobalWindow java = new GlobalWindow(LIMIT, GlobalWindow.SHARED_WINDOW_MILLIS);
    Random random = new Random(42);
    long now = 1_800_000_000_000L;
    int waited = 0;
    for (int i = 0; i < 400; i++) {
      now += random.nextInt(10) < 7 ? random.nextInt(40) : random.nextInt(1500);
      long expected = java.takeNow(now);
      assertThat(engine.applyAsLong(now))
          .as("answer to request %d at %d", i, now)
          .isEqualTo(expected);
      waited += expected > 0 ? 1 : 0;
    }
    assertThat(waited).as("the cases exercise the limit").isGreaterThan(50);
  }
}
