package dev.cogworks.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Admin server, messaging.mode = in_process")
class InProcessAdminTest extends AdminContract {
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      harness("in_process", probe).config("conversation.assistant", "echo");

  @Override
  PlatformHarness bot() {
    return bot;
  }

  @Override
  ProbeCog probe() {
    return probe;
  }

  @Test
  @DisplayName(
      "Every series the Grafana dashboard draws (but the workers') is in the bot's /metrics")
  void dashboardSeries() throws Exception {
    makeDeadLetter();
    String metrics = http().get("/metrics").body();
    Set<String> drawn = DashboardSeries.names();
    assertThat(drawn).contains("cogworks_messaging_queued", "cogworks_conversation_waiting");
    assertThat(drawn.stream().filter(name -> !name.startsWith("cogworks_gateway_")))
        .allSatisfy(name -> assertThat(metrics).as(name).contains(name));
  }

  @Override
  void modeSpecificSnapshot(JsonNode snapshot) {
    assertThat(snapshot.path("conversation").has("waiting")).isTrue();
    JsonNode queue = snapshot.path("queue");
    assertThat(queue.path("by_priority").has("critical")).isTrue();
    assertThat(queue.path("counters").has("delivered")).isTrue();
    assertThat(queue.path("counters").has("coalesced")).isTrue();
    assertThat(queue.path("top_channels").isArray()).isTrue();
  }
}
