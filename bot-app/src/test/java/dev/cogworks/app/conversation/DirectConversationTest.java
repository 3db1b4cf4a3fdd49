package dev.cogworks.app.conversation;

import dev.cogworks.app.PlatformHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Conversation queue, messaging.mode = direct")
class DirectConversationTest extends ConversationContract {
  @RegisterExtension static final PlatformHarness bot = harness("direct");

  @Override
  PlatformHarness bot() {
    return bot;
  }
}
