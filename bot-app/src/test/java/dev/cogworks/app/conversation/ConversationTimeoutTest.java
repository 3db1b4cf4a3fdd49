package dev.cogworks.app.conversation;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.sim.model.SimMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Conversation queue: an assistant past conversation.request_timeout (in_process)")
class ConversationTimeoutTest extends ConversationSteps {
  @RegisterExtension
  static final PlatformHarness bot =
      harness("in_process").config("conversation.request_timeout", "1s");

  @Override
  PlatformHarness bot() {
    return bot;
  }

  @Test
  @DisplayName("The person is told it took too long, and the next question is answered")
  void timeout() {
    String user = person();
    SimMessage slow = ask(user, "sleep a while");
    awaitContent(
        general(),
        slow.id,
        "^⚠️ Sorry, no answer this time: the assistant took too long to answer\\.");
    awaitContent(general(), ask(user, "quick one").id, "^answer to: quick one \\(history 0\\)$");
  }
}
