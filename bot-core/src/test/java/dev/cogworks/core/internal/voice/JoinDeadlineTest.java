package dev.cogworks.core.internal.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A voice join's deadline: queued behind the gateway's limit, then connecting")
class JoinDeadlineTest {
  private final MovableClock clock = new MovableClock();
  private final JoinDeadline deadline = new JoinDeadline(clock);

  @Test
  @DisplayName("a request Discord has not answered yet may wait out a whole gateway window")
  void queuedRequestWaitsAMinute() {
    clock.advance(Duration.ofSeconds(60));
    assertThat(deadline.remaining()).isPositive();
    clock.advance(JoinDeadline.GATEWAY_PATIENCE.minusSeconds(60));
    assertThat(deadline.remaining().isNegative() || deadline.remaining().isZero()).isTrue();
    assertThat(deadline.endpointSeen()).isFalse();
  }

  @Test
  @DisplayName("once Discord answered, the connection has its own, shorter time from then on")
  void connectingCountsFromTheAnswer() {
    clock.advance(Duration.ofSeconds(50));
    deadline.endpointArrived();
    assertThat(deadline.remaining()).isEqualTo(JoinDeadline.CONNECT_PATIENCE);
    clock.advance(JoinDeadline.CONNECT_PATIENCE);
    assertThat(deadline.remaining().isNegative() || deadline.remaining().isZero()).isTrue();
    assertThat(deadline.endpointSeen()).isTrue();
  }

  @Test
  @DisplayName("a reconnect's second answer does not restart the connecting time")
  void firstAnswerCounts() {
    deadline.endpointArrived();
    clock.advance(Duration.ofSeconds(15));
    deadline.endpointArrived();
    assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(5));
  }
}
