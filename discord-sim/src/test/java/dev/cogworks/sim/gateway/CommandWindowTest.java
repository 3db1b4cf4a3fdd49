package dev.cogworks.sim.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CommandWindow: 120 payloads per 60 s per connection (audit C8)")
class CommandWindowTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private static int accepted(CommandWindow window, long at, int payloads) {
    int accepted = 0;
    for (int i = 0; i < payloads; i++) {
      if (window.count(at)) {
        accepted++;
      }
    }
    return accepted;
  }

  @Test
  @DisplayName("given a new connection, 120 payloads pass and the 121st does not")
  void the121stIsRefused() {
    CommandWindow window = new CommandWindow(0);

    assertThat(accepted(window, 59 * SECOND, 120)).isEqualTo(120);
    assertThat(window.count(59 * SECOND)).isFalse();
  }

  @Test
  @DisplayName("the first window opens with the connection, not with its first payload")
  void firstWindowOpensOnConnect() {
    CommandWindow window = new CommandWindow(0);
    accepted(window, 59 * SECOND, 120);

    assertThat(accepted(window, 60 * SECOND, 120)).isEqualTo(120);
  }

  @Test
  @DisplayName("a later window opens with the first payload after the last one ended")
  void laterWindowsOpenWithTheirFirstPayload() {
    CommandWindow window = new CommandWindow(0);
    accepted(window, 90 * SECOND, 1); // opens a window at 90 s
    assertThat(accepted(window, 149 * SECOND, 119)).isEqualTo(119);

    assertThat(window.count(149 * SECOND)).isFalse();
    assertThat(window.count(150 * SECOND)).isTrue();
  }
}
