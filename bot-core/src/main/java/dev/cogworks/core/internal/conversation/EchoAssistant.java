package dev.cogworks.core.internal.conversation;

import dev.cogworks.api.conversation.AnswerStream;
import dev.cogworks.api.conversation.Assistant;
import dev.cogworks.api.conversation.AssistantRequest;

/**
 * {@code echo}: repeats what it was asked, word by word as a stream, saying how much of the
 * conversation it was given. For trying the queue out with no model server.
 */
public final class EchoAssistant implements Assistant {
  public static final String NAME = "echo";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String answer(AssistantRequest request, AnswerStream stream) {
    String answer =
        "You said: "
            + request.message()
            + "\n(the echo assistant; "
            + request.history().size()
            + " earlier message(s) in this conversation)";
    for (String piece : answer.split("(?<= )")) {
      stream.append(piece);
    }
    return answer;
  }
}
