package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.api.messaging.Priority;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A queue's bound, with a reserve for CRITICAL requests")
class QueueBoundTest {
  @Test
  @DisplayName("Up to max for everyone; a tenth more for CRITICAL (the bot's own refusals)")
  void admits() {
    QueueBound bound = new QueueBound(100);
    assertThat(bound.admits(99, Priority.LOW)).isTrue();
    assertThat(bound.admits(100, Priority.HIGH)).isFalse();
    assertThat(bound.admits(100, Priority.CRITICAL)).isTrue();
    assertThat(bound.admits(109, Priority.CRITICAL)).isTrue();
    assertThat(bound.admits(110, Priority.CRITICAL)).isFalse();
  }

  @Test
  @DisplayName("A tiny queue still keeps one place for CRITICAL")
  void tiny() {
    QueueBound bound = new QueueBound(3);
    assertThat(bound.admits(3, Priority.NORMAL)).isFalse();
    assertThat(bound.admits(3, Priority.CRITICAL)).isTrue();
    assertThat(bound.admits(4, Priority.CRITICAL)).isFalse();
  }
}
