package dev.cogworks.app.messaging;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.testkit.TestEngines;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("MessagingQueue contract, messaging.mode = external_gateway on redis, 1 worker(s)")
class ExternalRedisOneWorkerContractTest extends MessagingContract {
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      harness("external_gateway", probe).externalGateway("redis", TestEngines.redisUri(), 1);

  @Override
  PlatformHarness bot() {
    return bot;
  }

  @Override
  ProbeCog probe() {
    return probe;
  }
}
