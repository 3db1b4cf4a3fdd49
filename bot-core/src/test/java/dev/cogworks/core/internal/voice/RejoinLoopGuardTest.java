package dev.cogworks.core.internal.voice;

import static net.dv8tion.jda.api.audio.hooks.ConnectionStatus.CONNECTED;
import static net.dv8tion.jda.api.audio.hooks.ConnectionStatus.CONNECTING_AWAITING_ENDPOINT;
import static net.dv8tion.jda.api.audio.hooks.ConnectionStatus.CONNECTING_AWAITING_WEBSOCKET_CONNECT;
import static net.dv8tion.jda.api.audio.hooks.ConnectionStatus.ERROR_CANNOT_RESUME;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The voice rejoin-loop guard (Discord's 4017 on a bot without DAVE)")
class RejoinLoopGuardTest {
  private final MovableClock clock = new MovableClock();
  private final RejoinLoopGuard guard = new RejoinLoopGuard(clock);

  private boolean attempt() {
    guard.looping(CONNECTING_AWAITING_ENDPOINT);
    return guard.looping(CONNECTING_AWAITING_WEBSOCKET_CONNECT);
  }

  @Test
  @DisplayName("JDA's 4017 loop (connect, refused, cannot resume, rejoin) is caught on the 5th try")
  void loopCaught() {
    for (int i = 1; i <= RejoinLoopGuard.ATTEMPTS; i++) {
      assertThat(attempt()).as("attempt %d", i).isFalse();
      guard.looping(ERROR_CANNOT_RESUME);
      clock.advance(Duration.ofMillis(300));
    }
    assertThat(attempt()).isTrue();
  }

  @Test
  @DisplayName("a connection that lasted resets the count: a flaky network is not a loop")
  void stableConnectionResets() {
    for (int i = 0; i < 10; i++) {
      assertThat(attempt()).isFalse();
      guard.looping(CONNECTED);
      clock.advance(RejoinLoopGuard.STABLE);
    }
  }

  @Test
  @DisplayName("attempts spread wider than the window are not a loop")
  void spreadAttempts() {
    for (int i = 0; i < 10; i++) {
      assertThat(attempt()).isFalse();
      guard.looping(ERROR_CANNOT_RESUME);
      clock.advance(RejoinLoopGuard.WINDOW.dividedBy(RejoinLoopGuard.ATTEMPTS - 1));
    }
  }

  /** A clock the test moves. */
}
