package dev.cogworks.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Admin server, messaging.mode = in_process")
class InProcessAdminTest extends AdminContract {
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension static final PlatformHarness bot = harness("in_process", probe);

  @Override
  PlatformHarness bot() {
    return bot;
  }

  @Override
  ProbeCog probe() {
    return probe;
  }

  @Override
  void modeSpecificSnapshot(JsonNode snapshot) {
    JsonNode queue = snapshot.path("queue");
    assertThat(queue.path("by_priority").has("critical")).isTrue();
    assertThat(queue.path("counters").has("delivered")).isTrue();
    assertThat(queue.path("counters").has("coalesced")).isTrue();
    assertThat(queue.path("top_channels").isArray()).isTrue();
  }
}
