package dev.cogworks.core.internal.conversation.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.api.conversation.AssistantRequest;
import dev.cogworks.api.conversation.ConversationTurn;

/**
 * The body of {@code POST /chat/completions}: {@code model}, {@code messages}, {@code stream}, and
 * {@code max_tokens} / {@code temperature} only when configured, so the server's defaults apply
 * otherwise. The fields are those of OpenAI's CreateChatCompletionRequest (openai-openapi), which
 * Ollama's and vLLM's compatible layers read too.
 */
final class ChatRequestBody {
  private ChatRequestBody() {}

  static ObjectNode of(OpenAiCompatibleConfig config, AssistantRequest request) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("model", config.model());
    ArrayNode messages = body.putArray("messages");
    // "system" rather than OpenAI's newer "developer": every compatible server knows "system",
    // and OpenAI treats it as developer for the models that have that role.
    String system = request.systemPrompt().map(String::strip).orElse("");
    if (system.isEmpty()) {
      system = config.systemPrompt();
    }
    if (!system.isEmpty()) {
      message(messages, "system", system);
    }
    for (ConversationTurn turn : request.history()) {
      message(
          messages,
          turn.role() == ConversationTurn.Role.USER ? "user" : "assistant",
          turn.content());
    }
    message(messages, "user", request.message());
    body.put("stream", config.stream());
    if (config.maxTokens() > 0) {
      body.put("max_tokens", config.maxTokens());
    }
    config.temperature().ifPresent(t -> body.put("temperature", t));
    return body;
  }

  private static void message(ArrayNode messages, String role, String content) {
    messages.addObject().put("role", role).put("content", content);
  }
}
