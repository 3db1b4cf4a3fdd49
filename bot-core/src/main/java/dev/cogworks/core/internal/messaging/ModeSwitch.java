package dev.cogworks.core.internal.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The pieces of a live mode switch ({@link MessagingService#switchTo}) and what it reports. */
public final class ModeSwitch {
  private ModeSwitch() {}

  /**
   * What a switch did: {@code moved} requests handed over by the old transport, {@code held}
   * submissions that came during the switch; {@code drainedInTime} false when what the old one
   * started still ran at {@code messaging.switch_deadline}; {@code oldClosed} completes once it is
   * done and closed.
   */
  public record Outcome(
      String from,
      String to,
      int moved,
      int held,
      boolean drainedInTime,
      Duration took,
      CompletableFuture<Void> oldClosed) {
    @Override
    public String toString() {
      return "Mode switch "
          + from
          + " -> "
          + to
          + ": "
          + moved
          + " request(s) moved over, "
          + held
          + " held during the switch, "
          + (drainedInTime ? "in-flight ones finished first" : "in-flight ones still running")
          + ", took "
          + took.toMillis()
          + " ms";
    }
  }

  /** Sends a moved or held request through {@code next}, completing its caller's future. */
  static void sendThrough(Transport next, MovedRequest moved) {
    CompletableFuture<?> sent;
    try {
      sent = next.submit(moved.request());
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            moved.result().complete(value);
          } else {
            moved.result().completeExceptionally(failure);
          }
        });
  }

  /** Waits for {@code drained} up to {@code deadline}; false if it did not complete in time. */
  static boolean await(CompletableFuture<Void> drained, Duration deadline) {
    try {
      drained.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
