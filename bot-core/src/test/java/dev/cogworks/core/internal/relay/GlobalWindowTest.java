package dev.cogworks.core.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shared global budget's rule")
class GlobalWindowTest {
  @Test
  @DisplayName("Below the limit a request goes now; the next one waits for the window to move")
  void limit() {
    long[] recent = {};
    for (int i = 0; i < 50; i++) {
      GlobalWindow.Reservation r = GlobalWindow.reserve(recent, 1_000, 50);
      assertThat(r.at()).isEqualTo(1_000);
      recent = r.recent();
    }
    GlobalWindow.Reservation fiftyFirst = GlobalWindow.reserve(recent, 1_010, 50);
    assertThat(fiftyFirst.at()).isEqualTo(1_000 + GlobalWindow.WINDOW_MILLIS);
    assertThat(fiftyFirst.recent()).hasSize(50);
  }

  @Test
  @DisplayName("No window (1.04 s) ever holds more than the limit, however requests arrive")
  void neverOverLimit() {
    long[] recent = {};
    java.util.List<Long> sent = new java.util.ArrayList<>();
    java.util.Random random = new java.util.Random(7);
    long now = 0;
    for (int i = 0; i < 2_000; i++) {
      now += random.nextInt(30);
      GlobalWindow.Reservation r = GlobalWindow.reserve(recent, now, 10);
      assertThat(r.at()).isGreaterThanOrEqualTo(now);
      sent.add(r.at());
      recent = r.recent();
    }
    java.util.Collections.sort(sent);
    for (int i = 0; i + 10 < sent.size(); i++) {
      assertThat(sent.get(i + 10) - sent.get(i))
          .as("11 sends within one window")
          .isGreaterThanOrEqualTo(GlobalWindow.WINDOW_MILLIS);
    }
  }
}
