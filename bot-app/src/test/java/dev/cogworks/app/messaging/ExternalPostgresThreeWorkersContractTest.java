package dev.cogworks.app.messaging;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.testkit.TestEngines;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName(
    "MessagingQueue contract, messaging.mode = external_gateway on postgresql, 3 worker(s), acknowledge = memory")
class ExternalPostgresThreeWorkersContractTest extends MessagingContract {
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      harness("external_gateway", probe)
          .externalGateway("postgresql", TestEngines.postgresUrl(), 3)
          // One worker's class runs the default (a send returns once the engine holds it); this
          // one the other setting, whose burst of edits merges in the engine.
          .config("messaging.gateway.acknowledge", "memory");

  @Override
  PlatformHarness bot() {
    return bot;
  }

  @Override
  ProbeCog probe() {
    return probe;
  }
}
