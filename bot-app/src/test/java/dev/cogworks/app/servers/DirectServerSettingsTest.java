package dev.cogworks.app.servers;

import dev.cogworks.app.PlatformHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Per-server settings and users' data, messaging.mode = direct")
class DirectServerSettingsTest extends ServerSettingsContract {
  @RegisterExtension static final PlatformHarness bot = harness("direct");

  @Override
  PlatformHarness bot() {
    return bot;
  }
}
