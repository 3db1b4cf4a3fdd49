package dev.cogworks.app.notify;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Notifications, messaging.mode = direct")
class DirectNotificationsTest extends NotificationsContract {
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
}
