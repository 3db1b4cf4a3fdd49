package dev.cogworks.sim.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;

/**
 * An error answered the way Discord answers it: an HTTP status and the JSON body {@code {code,
 * message, errors?}} with Discord's JSON error codes.
 */
public final class DiscordError extends RuntimeException {
  private final int status;
  private final int code;
  private final JsonNode errors;

  public DiscordError(int status, int code, String message, JsonNode errors) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }

  public DiscordError(int status, int code, String message) {
    this(status, code, message, null);
  }

  public int status() {
    return status;
  }

  public int code() {
    return code;
  }

  public ObjectNode body() {
    ObjectNode body = Json.object().put("message", getMessage()).put("code", code);
    if (errors != null) {
      body.set("errors", errors);
    }
    return body;
  }

  public static DiscordError unauthorized() {
    return new DiscordError(401, 0, "401: Unauthorized");
  }

  public static DiscordError unknownGuild() {
    return new DiscordError(404, 10004, "Unknown Guild");
  }

  public static DiscordError unknownChannel() {
    return new DiscordError(404, 10003, "Unknown Channel");
  }

  public static DiscordError unknownMember() {
    return new DiscordError(404, 10007, "Unknown Member");
  }

  public static DiscordError unknownMessage() {
    return new DiscordError(404, 10008, "Unknown Message");
  }

  public static DiscordError unknownRole() {
    return new DiscordError(404, 10011, "Unknown Role");
  }

  public static DiscordError unknownUser() {
    return new DiscordError(404, 10013, "Unknown User");
  }

  public static DiscordError unknownEmoji() {
    return new DiscordError(404, 10014, "Unknown Emoji");
  }

  public static DiscordError unknownWebhook() {
    return new DiscordError(404, 10015, "Unknown Webhook");
  }

  public static DiscordError unknownInteraction() {
    return new DiscordError(404, 10062, "Unknown interaction");
  }

  public static DiscordError unknownCommand() {
    return new DiscordError(404, 10063, "Unknown application command");
  }

  public static DiscordError alreadyAcknowledged() {
    return new DiscordError(400, 40060, "Interaction has already been acknowledged.");
  }

  public static DiscordError unknownVoiceState() {
    return new DiscordError(404, 10065, "Unknown Voice State");
  }

  public static DiscordError invalidChannelType() {
    return new DiscordError(400, 50024, "Cannot execute action on this channel type");
  }

  public static DiscordError missingAccess() {
    return new DiscordError(403, 50001, "Missing Access");
  }

  public static DiscordError maxRoles() {
    return new DiscordError(400, 30005, "Maximum number of guild roles reached (250)");
  }

  public static DiscordError missingPermissions() {
    return new DiscordError(403, 50013, "Missing Permissions");
  }

  public static DiscordError cannotExecuteOnDm() {
    return new DiscordError(403, 50003, "Cannot execute action on a DM channel");
  }

  public static DiscordError cannotSendToUser() {
    return new DiscordError(403, 50007, "Cannot send messages to this user");
  }

  public static DiscordError cannotEditOthersMessage() {
    return new DiscordError(403, 50005, "Cannot edit a message authored by another user");
  }

  public static DiscordError cannotReplyWithoutHistory() {
    return new DiscordError(403, 160002, "Cannot reply without permission to read message history");
  }

  public static DiscordError emptyMessage() {
    return new DiscordError(400, 50006, "Cannot send an empty message");
  }

  public static DiscordError bulkDeleteTooOld() {
    return new DiscordError(
        400, 50034, "You can only bulk delete messages that are under 14 days old.");
  }

  public static DiscordError malformedBody(String detail) {
    return new DiscordError(400, 50109, "The request body contains invalid JSON. " + detail);
  }

  /** 50035 Invalid Form Body with Discord's nested {@code errors} object. */
  public static DiscordError invalidForm(FormErrors errors) {
    return new DiscordError(400, 50035, "Invalid Form Body", errors.toJson());
  }
}
