package dev.cogworks.core.internal.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.core.internal.messaging.json.RequestJson;

/** Parsing and printing of the wire's envelopes, with the one mapper of {@link RequestJson}. */
final class Wire {
  private Wire() {}

  static ObjectNode object() {
    return RequestJson.MAPPER.createObjectNode();
  }

  static String print(JsonNode node) {
    try {
      return RequestJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print JSON", e);
    }
  }

  static ObjectNode parse(String text) {
    try {
      JsonNode node = RequestJson.MAPPER.readTree(text);
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException("not a JSON object: " + abbreviate(text));
      }
      return object;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
