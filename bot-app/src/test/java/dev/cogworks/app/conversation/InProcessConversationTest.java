package dev.cogworks.app.conversation;

import dev.cogworks.app.PlatformHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Conversation queue, messaging.mode = in_process")
class InProcessConversationTest extends ConversationContract {
  @RegisterExtension static final PlatformHarness bot = harness("in_process");

  @Override
  PlatformHarness bot() {
    return bot;
  }
}
