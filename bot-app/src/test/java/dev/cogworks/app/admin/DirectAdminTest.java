package dev.cogworks.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Admin server, messaging.mode = direct")
class DirectAdminTest extends AdminContract {
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension static final PlatformHarness bot = harness("direct", probe);

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
    assertThat(snapshot.has("queue")).isFalse();
    assertThat(snapshot.path("paused").asBoolean()).isFalse();
  }
}
