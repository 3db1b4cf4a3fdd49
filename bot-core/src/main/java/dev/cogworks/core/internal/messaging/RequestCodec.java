package dev.cogworks.core.internal.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cogworks.api.messaging.DiscordRequest;
import java.util.Map;

/**
 * Requests as JSON, {@code {"action": "send_message", "params": {...}}}: the action names the
 * record, the params are its components. Used to keep requests in PostgreSQL (dead letters, and
 * requests still queued at shutdown).
 */
public final class RequestCodec {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private static final Map<String, Class<?>> TYPES =
      Map.of(
          "send_message", DiscordRequest.SendMessage.class,
          "edit_message", DiscordRequest.EditMessage.class,
          "delete_message", DiscordRequest.DeleteMessage.class,
          "fetch_channel_history", DiscordRequest.FetchHistory.class,
          "fetch_guild_emojis", DiscordRequest.FetchEmojis.class,
          "batch_update_messages", DiscordRequest.BatchUpdateMessages.class,
          "list_roles", DiscordRequest.ListRoles.class,
          "add_role", DiscordRequest.AddRole.class,
          "remove_role", DiscordRequest.RemoveRole.class);

  private RequestCodec() {}

  public static String encode(DiscordRequest<?> request) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("action", request.action());
    json.set("params", MAPPER.valueToTree(request));
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + request.action(), e);
    }
  }

  public static DiscordRequest<?> decode(String text) {
    try {
      JsonNode json = MAPPER.readTree(text);
      String action = json.path("action").asText();
      Class<?> type = TYPES.get(action);
      if (type == null) {
        throw new IllegalArgumentException(
            "unknown action '" + action + "'; known: " + TYPES.keySet());
      }
      return (DiscordRequest<?>) MAPPER.treeToValue(json.path("params"), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a request: " + e.getOriginalMessage(), e);
    }
  }
}
