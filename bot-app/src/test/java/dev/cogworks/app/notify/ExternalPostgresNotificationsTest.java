package dev.cogworks.app.notify;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.testkit.TestEngines;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Notifications, messaging.mode = external_gateway on postgresql, 1 worker")
class ExternalPostgresNotificationsTest extends NotificationsContract {
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      harness("external_gateway", probe)
          .externalGateway("postgresql", TestEngines.postgresUrl(), 1);

  @Override
  PlatformHarness bot() {
    return bot;
  }

  @Override
  ProbeCog probe() {
    return probe;
  }
}
