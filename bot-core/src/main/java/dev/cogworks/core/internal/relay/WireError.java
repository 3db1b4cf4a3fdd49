package dev.cogworks.core.internal.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.core.internal.messaging.RequestTimeoutException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * A failure's {@code error}. The seed has a bare string there; Cogworks sends an object, so that a
 * Discord error reaches the cog as the same {@link DiscordRequestException} (status, code, message)
 * as in direct mode: {@code {"type": "discord", "message", "http_status", "discord_code"}}. The
 * other types: {@code expired} (not started before its deadline), {@code network} (Discord did not
 * answer), {@code invalid_request} (the worker could not read it), {@code internal}.
 */
final class WireError {
  private WireError() {}

  static ObjectNode encode(Throwable failure) {
    ObjectNode e = Wire.object();
    if (failure instanceof DiscordRequestException d) {
      e.put("type", "discord");
      e.put("message", meaning(d));
      e.put("http_status", d.status());
      e.put("discord_code", d.code());
    } else {
      String type;
      if (failure instanceof TimeoutException) {
        type = "expired";
      } else if (failure instanceof IOException || failure.getCause() instanceof IOException) {
        type = "network";
      } else if (failure instanceof IllegalArgumentException) {
        type = "invalid_request";
      } else {
        type = "internal";
      }
      e.put("type", type);
      e.put("message", String.valueOf(failure.getMessage()));
    }
    return e;
  }

  static Throwable decode(JsonNode e) {
    String message = e.path("message").asText("");
    switch (e.path("type").asText("")) {
      case "discord":
        return new DiscordRequestException(
            e.path("http_status").asInt(), e.path("discord_code").asInt(), message);
      case "expired":
        return new RequestTimeoutException(message);
      case "network":
        return new IOException(message);
      case "invalid_request":
        return new IllegalArgumentException(message);
      default:
        return new RelayException("the gateway worker failed: " + message);
    }
  }

  /**
   * DiscordRequestException's message is "status / code: meaning"; the wire carries the meaning.
   */
  private static String meaning(DiscordRequestException d) {
    String prefix = d.status() + " / " + d.code() + ": ";
    String message = d.getMessage();
    return message != null && message.startsWith(prefix)
        ? message.substring(prefix.length())
        : message;
  }
}
