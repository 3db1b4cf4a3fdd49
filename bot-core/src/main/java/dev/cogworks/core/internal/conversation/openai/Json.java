package dev.cogworks.core.internal.conversation.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;

/** The package's one mapper, and lenient reads of fields that servers may omit or set to null. */
final class Json {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** The text at {@code field}, when it is a non-null string. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  /** The text at {@code field} whatever its JSON type (vLLM's error codes are numbers). */
  static Optional<String> scalar(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isValueNode() && !value.isNull()
        ? Optional.of(value.asText())
        : Optional.empty();
  }

  /** The first choice of a completion or chunk, when there is one. */
  static Optional<JsonNode> firstChoice(JsonNode completion) {
    JsonNode choices = completion.get("choices");
    if (choices == null || !choices.isArray()) {
      return Optional.empty();
    }
    for (JsonNode choice : choices) {
      // We ask for one choice (no "n"); a server adding others would number ours 0.
      if (!choice.has("index") || choice.get("index").asInt() == 0) {
        return Optional.of(choice);
      }
    }
    return Optional.empty();
  }
}
