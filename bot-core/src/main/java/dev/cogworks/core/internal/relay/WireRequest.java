package dev.cogworks.core.internal.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.core.internal.messaging.json.RequestJson;
import java.time.Instant;
import java.util.UUID;

/**
 * A request on the wire: the seed's {@code {request_id, action, params, timestamp}} plus two fields
 * the external gateway needs: {@code deadline} (after it no worker starts the request) and {@code
 * reply_to} (the bot instance whose response queue gets the answer). Times are Unix seconds with
 * millisecond fractions, as in the seed.
 */
public record WireRequest(
    String requestId,
    DiscordRequest<?> request,
    Instant timestamp,
    Instant deadline,
    String replyTo) {

  /** A new request: a fresh random id, so two identical requests are never taken for one. */
  public static WireRequest create(
      DiscordRequest<?> request, Instant now, java.time.Duration timeout, String replyTo) {
    return new WireRequest(UUID.randomUUID().toString(), request, now, now.plus(timeout), replyTo);
  }

  public String action() {
    return request.action();
  }

  public String toJson() {
    ObjectNode json = Wire.object();
    json.put("request_id", requestId);
    json.put("action", request.action());
    json.set("params", RequestJson.params(request));
    json.put("timestamp", seconds(timestamp));
    json.put("deadline", seconds(deadline));
    json.put("reply_to", replyTo);
    return Wire.print(json);
  }

  /**
   * Reads a request; a malformed one fails with {@link InvalidWireRequest}, which still carries the
   * request id and reply address when they could be read, so the sender hears why.
   */
  public static WireRequest fromJson(String text) {
    ObjectNode json;
    try {
      json = Wire.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidWireRequest(null, null, e.getMessage());
    }
    String id = Wire.optionalText(json, "request_id");
    String replyTo = Wire.optionalText(json, "reply_to");
    try {
      if (id == null) {
        throw new IllegalArgumentException("missing request_id");
      }
      DiscordRequest<?> request =
          RequestJson.fromParams(json.path("action").asText(""), json.get("params"));
      Instant timestamp = instant(json.path("timestamp"), Instant.now());
      return new WireRequest(
          id, request, timestamp, instant(json.path("deadline"), Instant.MAX), replyTo);
    } catch (RuntimeException e) {
      throw new InvalidWireRequest(id, replyTo, e.getMessage());
    }
  }

  /** Unix seconds with milliseconds, written plainly (1795608000.250, not 1.7956E9). */
  static java.math.BigDecimal seconds(Instant instant) {
    return java.math.BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
  }

  static Instant instant(JsonNode seconds, Instant missing) {
    return seconds.isNumber()
        ? Instant.ofEpochMilli(Math.round(seconds.asDouble() * 1000))
        : missing;
  }

  /** A request a worker cannot read; answered with an {@code invalid_request} error if it can. */
  public static final class InvalidWireRequest extends IllegalArgumentException {
    private final String requestId;
    private final String replyTo;

    InvalidWireRequest(String requestId, String replyTo, String message) {
      super(message);
      this.requestId = requestId;
      this.replyTo = replyTo;
    }

    public String requestId() {
      return requestId;
    }

    public String replyTo() {
      return replyTo;
    }
  }
}
