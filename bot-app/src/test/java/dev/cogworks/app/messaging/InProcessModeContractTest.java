package dev.cogworks.app.messaging;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("MessagingQueue contract, messaging.mode = in_process")
class InProcessModeContractTest extends MessagingContract {
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
}
