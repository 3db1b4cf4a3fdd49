package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.errors.FormErrors;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.state.SimState;

/**
 * Discord's rules for a reply's {@code message_reference} on message create: only {@code
 * message_id} is needed; the replied message must be in the same channel; without Read Message
 * History it is 160002; a message that does not exist is 50035 unless {@code fail_if_not_exists} is
 * false, which sends a plain message instead.
 */
final class MessageReferences {
  private static final String FIELD = "message_reference";

  private MessageReferences() {}

  /** The message the body replies to, or null for a plain message. Call inside a state write. */
  static SimMessage target(SimState state, SimChannel channel, JsonNode body, long granted) {
    JsonNode reference = body.get(FIELD);
    if (reference == null || reference.isNull()) {
      return null;
    }
    if (!reference.isObject()) {
      throw formError("MODEL_TYPE_CONVERT", "Expected an object/dictionary.");
    }
    if (reference.path("type").asInt(0) != 0) {
      throw new DiscordError(400, 0, "discord-sim does not simulate forwards (type 1 references)");
    }
    if (!Permission.has(granted, Permission.READ_MESSAGE_HISTORY)) {
      throw DiscordError.cannotReplyWithoutHistory();
    }
    Long channelId = Json.id(reference, "channel_id");
    if (channelId != null && channelId != channel.id) {
      throw formError(
          "REPLIES_CANNOT_REFERENCE_OTHER_CHANNEL",
          "Cannot reply to a message in a different channel");
    }
    Long guildId = Json.id(reference, "guild_id");
    Long messageId = Json.id(reference, "message_id");
    SimMessage target = messageId == null ? null : state.messagesOf(channel.id).get(messageId);
    // An ephemeral message is not visible to the bot, so it cannot be replied to either.
    boolean exists =
        target != null
            && !target.deleted()
            && !target.ephemeral()
            && (guildId == null || guildId == channel.guildId);
    if (exists) {
      return target;
    }
    if (reference.path("fail_if_not_exists").asBoolean(true)) {
      throw formError("MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message");
    }
    return null;
  }

  private static DiscordError formError(String code, String message) {
    return DiscordError.invalidForm(new FormErrors().add(FIELD, code, message));
  }
}
