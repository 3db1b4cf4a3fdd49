package dev.cogworks.app.servers;

import dev.cogworks.app.PlatformHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Per-server settings and users' data, messaging.mode = in_process")
class InProcessServerSettingsTest extends ServerSettingsContract {
  @RegisterExtension static final PlatformHarness bot = harness("in_process");

  @Override
  PlatformHarness bot() {
    return bot;
  }
}
