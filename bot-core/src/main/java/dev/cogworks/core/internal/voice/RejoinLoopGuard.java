package dev.cogworks.core.internal.voice;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import net.dv8tion.jda.api.audio.hooks.ConnectionStatus;

/**
 * Spots JDA's endless voice rejoin. Since March 2026 Discord closes a voice connection without DAVE
 * with 4017; JDA 6.5 does not know the code, tries to resume (4006), then rejoins over and over.
 * Every attempt passes through {@link ConnectionStatus#CONNECTING_AWAITING_WEBSOCKET_CONNECT}; a
 * healthy connection does so once, a flaky network a few times a minute. More than {@code attempts}
 * of them within {@code window}, with no connection that lasted, is the loop.
 */
final class RejoinLoopGuard {
  static final int ATTEMPTS = 4;
  static final Duration WINDOW = Duration.ofSeconds(30);

  /** A connection up this long was not part of a loop: the count starts again. */
  static final Duration STABLE = Duration.ofSeconds(10);

  private final Clock clock;
  private final int attempts;
  private final Duration window;
  private final Deque<Long> starts = new ArrayDeque<>();
  private long connectedAt = -1;

  RejoinLoopGuard(Clock clock) {
    this(clock, ATTEMPTS, WINDOW);
  }

  RejoinLoopGuard(Clock clock, int attempts, Duration window) {
    this.clock = clock;
    this.attempts = attempts;
    this.window = window;
  }

  /** Records a status; true when the connection is caught in the rejoin loop. */
  synchronized boolean looping(ConnectionStatus status) {
    long now = clock.millis();
    if (status == ConnectionStatus.CONNECTED) {
      connectedAt = now;
      return false;
    }
    if (status != ConnectionStatus.CONNECTING_AWAITING_WEBSOCKET_CONNECT) {
      return false;
    }
    if (connectedAt >= 0 && now - connectedAt >= STABLE.toMillis()) {
      starts.clear();
    }
    connectedAt = -1;
    starts.addLast(now);
    while (!starts.isEmpty() && now - starts.peekFirst() > window.toMillis()) {
      starts.removeFirst();
    }
    return starts.size() > attempts;
  }
}
