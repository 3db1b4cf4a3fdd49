package dev.cogworks.sim.errors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;

/**
 * Collects field errors in Discord's shape: {@code {"embeds": {"0": {"title": {"_errors": [{"code":
 * "BASE_TYPE_MAX_LENGTH", "message": "..."}]}}}}}.
 */
public final class FormErrors {
  private final ObjectNode root = Json.object();

  /** Adds an error at a dotted path such as {@code embeds.0.title}. */
  public FormErrors add(String path, String code, String message) {
    ObjectNode node = root;
    for (String part : path.split("\\.")) {
      node = node.has(part) ? (ObjectNode) node.get(part) : node.putObject(part);
    }
    ArrayNode list =
        node.has("_errors") ? (ArrayNode) node.get("_errors") : node.putArray("_errors");
    list.addObject().put("code", code).put("message", message);
    return this;
  }

  public FormErrors maxLength(String path, int max) {
    return add(path, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
  }

  public boolean isEmpty() {
    return root.isEmpty();
  }

  public void throwIfAny() {
    if (!isEmpty()) {
      throw DiscordError.invalidForm(this);
    }
  }

  ObjectNode toJson() {
    return root;
  }
}
