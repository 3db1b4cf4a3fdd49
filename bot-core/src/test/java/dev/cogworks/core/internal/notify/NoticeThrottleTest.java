package dev.cogworks.core.internal.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NoticeThrottle: one notice and one summary per window instead of a storm")
class NoticeThrottleTest {
  private final NoticeThrottle throttle = new NoticeThrottle(Duration.ofSeconds(60));

  private static Notice dead(int i) {
    return Notice.of(NoticeKind.DEAD_LETTER, "letter " + i);
  }

  @Test
  @DisplayName("Given a quiet kind, when a notice comes, then it goes out at once")
  void firstGoesOut() {
    assertThat(throttle.offer(dead(1), 0)).isTrue();
    assertThat(throttle.due(60_000)).isEmpty();
  }

  @Test
  @DisplayName("Given ten within the window, then one goes out and one summary counts nine")
  void stormCollapses() {
    int sent = 0;
    for (int i = 0; i < 10; i++) {
      sent += throttle.offer(dead(i), i * 100L) ? 1 : 0;
    }
    assertThat(sent).isEqualTo(1);
    assertThat(throttle.due(59_999)).isEmpty();
    var due = throttle.due(60_000);
    assertThat(due).hasSize(1);
    assertThat(due.get(0).count()).isEqualTo(9);
    assertThat(due.get(0).latest().description()).isEqualTo("letter 9");
  }

  @Test
  @DisplayName("Given a storm that lasts, then each window sends one summary, no more")
  void lastingStorm() {
    throttle.offer(dead(0), 0);
    throttle.offer(dead(1), 10);
    assertThat(throttle.due(60_000)).hasSize(1);
    assertThat(throttle.offer(dead(2), 60_001)).isFalse(); // the summary opened a new window
    assertThat(throttle.due(100_000)).isEmpty();
    assertThat(throttle.due(120_000)).extracting(NoticeThrottle.Summary::count).containsExactly(1);
    assertThat(throttle.due(180_000)).isEmpty();
    assertThat(throttle.offer(dead(3), 180_001)).isTrue(); // quiet again: at once
  }

  @Test
  @DisplayName("Kinds and keys are apart: a shard's notice does not hide another's or a 429")
  void keysApart() {
    Notice shard0 = Notice.of(NoticeKind.SHARD_DISCONNECTED, "").keyed("0/2");
    Notice shard1 = Notice.of(NoticeKind.SHARD_DISCONNECTED, "").keyed("1/2");
    assertThat(throttle.offer(shard0, 0)).isTrue();
    assertThat(throttle.offer(shard1, 1)).isTrue();
    assertThat(throttle.offer(Notice.of(NoticeKind.RATE_LIMITED, ""), 2)).isTrue();
    assertThat(throttle.offer(shard0, 3)).isFalse();
  }

  @Test
  @DisplayName("At shutdown every held notice is summarised at once")
  void drain() {
    throttle.offer(dead(0), 0);
    throttle.offer(dead(1), 1);
    throttle.offer(dead(2), 2);
    assertThat(throttle.drain()).extracting(NoticeThrottle.Summary::count).containsExactly(2);
    assertThat(throttle.due(1_000_000)).isEmpty();
  }
}
