package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The global budget's rule (GlobalWindow)")
class GlobalWindowTest {
  @Test
  @DisplayName("Below the limit a request goes now; the next one waits for the window to move")
  void limit() {
    GlobalWindow window = new GlobalWindow(50, 1040);
    for (int i = 0; i < 50; i++) {
      assertThat(window.takeNow(1_000)).isZero();
    }
    assertThat(window.takeNow(1_010)).isEqualTo(1_000 + 1040 - 1_010);
  }

  @Test
  @DisplayName("Requests that left the window free their slots")
  void windowMoves() {
    GlobalWindow window = new GlobalWindow(2, 1000);
    assertThat(window.takeNow(0)).isZero();
    assertThat(window.takeNow(10)).isZero();
    assertThat(window.takeNow(20)).isEqualTo(980);
    assertThat(window.takeNow(999)).isEqualTo(1);
    assertThat(window.takeNow(1000)).isZero();
    assertThat(window.takeNow(5000)).isZero();
  }

  @Test
  @DisplayName(
      "takeNow: a slot is taken only when free at that moment, so a late sender pushes the next"
          + " ones back instead of crowding a window")
  void takeNowSpacesFromTheRealSend() {
    GlobalWindow window = new GlobalWindow(2, 1025);
    assertThat(window.takeNow(0)).isZero();
    assertThat(window.takeNow(10)).isZero();
    // Full: nothing is recorded, and the answer is when the oldest leaves the window.
    assertThat(window.takeNow(20)).isEqualTo(1005);
    // The caller wakes 60 ms late and goes then (booked ahead, its slot would have said 1025).
    assertThat(window.takeNow(1085)).isZero();
    assertThat(window.takeNow(1086)).isZero();
    // The next ones are spaced from 1085, when the late one really went.
    assertThat(window.takeNow(1090)).isEqualTo(1085 + 1025 - 1090);
  }

  @Test
  @DisplayName("takeNow: whatever the lateness, no window holds more than the limit of real sends")
  void takeNowNeverOverLimit() {
    GlobalWindow window = new GlobalWindow(10, 1025);
    List<Long> sent = new ArrayList<>();
    Random random = new Random(11);
    long now = 0;
    while (sent.size() < 2_000) {
      long wait = window.takeNow(now);
      if (wait == 0) {
        sent.add(now);
        now += random.nextInt(30);
      } else {
        // Wakes on time or up to 80 ms late.
        now += wait + random.nextInt(80);
      }
    }
    for (int i = 0; i + 10 < sent.size(); i++) {
      assertThat(sent.get(i + 10) - sent.get(i))
          .as("11 sends within one window")
          .isGreaterThanOrEqualTo(1025);
    }
  }
}
