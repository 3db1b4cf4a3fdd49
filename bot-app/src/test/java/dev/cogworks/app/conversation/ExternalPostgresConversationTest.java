package dev.cogworks.app.conversation;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.testkit.TestEngines;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Conversation queue, messaging.mode = external_gateway on postgresql, 1 worker")
class ExternalPostgresConversationTest extends ConversationContract {
  @RegisterExtension
  static final PlatformHarness bot =
      harness("external_gateway").externalGateway("postgresql", TestEngines.postgresUrl(), 1);

  @Override
  PlatformHarness bot() {
    return bot;
  }
}
