package dev.cogworks.core.internal.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.api.messaging.DiscordRequest;
import java.time.Instant;

/**
 * An answer on the wire: the seed's {@code {request_id, status, data, error, timestamp}} with
 * {@code status} "success" or "error", plus {@code attempts} (tries the worker made) and {@code
 * worker} (which one answered). {@link #data} and {@link #error} stay JSON until the bot, which
 * knows the action, decodes them.
 */
public record WireResponse(
    String requestId,
    boolean success,
    JsonNode data,
    JsonNode error,
    Instant timestamp,
    int attempts,
    String worker) {

  public static WireResponse success(
      DiscordRequest<?> request,
      String requestId,
      Object result,
      Instant now,
      int attempts,
      String worker) {
    return new WireResponse(
        requestId, true, WireResults.encode(request, result, now), null, now, attempts, worker);
  }

  public static WireResponse failure(
      String requestId, Throwable failure, Instant now, int attempts, String worker) {
    return new WireResponse(
        requestId, false, null, WireError.encode(failure), now, attempts, worker);
  }

  /** The result the cog's future completes with, typed for the request it answers. */
  public Object result(DiscordRequest<?> request) {
    return WireResults.decode(request, data);
  }

  /** The exception the cog's future fails with: the same type direct mode would give. */
  public Throwable failure() {
    return WireError.decode(error);
  }

  public String toJson() {
    ObjectNode json = Wire.object();
    json.put("request_id", requestId);
    json.put("status", success ? "success" : "error");
    if (data == null) {
      json.putNull("data");
    } else {
      json.set("data", data);
    }
    if (error == null) {
      json.putNull("error");
    } else {
      json.set("error", error);
    }
    json.put("timestamp", WireRequest.seconds(timestamp));
    json.put("attempts", attempts);
    json.put("worker", worker);
    return Wire.print(json);
  }

  public static WireResponse fromJson(String text) {
    ObjectNode json = Wire.parse(text);
    String status = json.path("status").asText();
    if (!status.equals("success") && !status.equals("error")) {
      throw new IllegalArgumentException("status must be success or error, was '" + status + "'");
    }
    return new WireResponse(
        json.path("request_id").asText(),
        status.equals("success"),
        json.path("data"),
        json.path("error"),
        WireRequest.instant(json.path("timestamp"), Instant.now()),
        json.path("attempts").asInt(1),
        json.path("worker").asText(""));
  }
}
