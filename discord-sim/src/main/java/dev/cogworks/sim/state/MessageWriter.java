package dev.cogworks.sim.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates, edits and deletes messages for every path that does (bots over REST, interaction
 * replies, webhooks, users through the control API), so counters, mentions, nonces and events are
 * the same whichever way a message is written. Call inside {@link SimState#write}.
 */
public final class MessageWriter {
  /** How long Discord remembers a nonce for {@code enforce_nonce}: "a few minutes". */
  public static final Duration NONCE_WINDOW = Duration.ofMinutes(5);

  private final SimState state;
  private final SimStats stats;
  private final Clock clock;
  private final MentionParser mentions;
  private final Map<String, NonceEntry> nonces = new HashMap<>();

  private record NonceEntry(long channelId, long messageId, Instant at) {}

  /** What a new message is, beyond its body: who wrote it, how, and what it replies to. */
  public record Origin(
      SimUser author,
      Long webhookId,
      Long applicationId,
      JsonNode interaction,
      SimMessage referencedMessage) {
    public static Origin of(SimUser author) {
      return new Origin(author, null, null, null, null);
    }

    public Origin replyingTo(SimMessage message) {
      return new Origin(author, webhookId, applicationId, interaction, message);
    }
  }

  public MessageWriter(SimState state, SimStats stats, Clock clock) {
    this.state = state;
    this.stats = stats;
    this.clock = clock;
    this.mentions = new MentionParser(state);
  }

  /**
   * The message an earlier create with the same author and nonce made, if {@code enforce_nonce}
   * asks for Discord's de-duplication and it is still within the window.
   */
  public SimMessage existingForNonce(SimUser author, JsonNode body) {
    if (!body.path("enforce_nonce").asBoolean(false) || !body.hasNonNull("nonce")) {
      return null;
    }
    NonceEntry entry = nonces.get(author.id + "/" + body.get("nonce").asText());
    if (entry == null || entry.at.plus(NONCE_WINDOW).isBefore(clock.instant())) {
      return null;
    }
    SimMessage message = state.messagesOf(entry.channelId).get(entry.messageId);
    if (message == null || message.deleted()) {
      return null;
    }
    stats.nonceReplayed();
    return message;
  }

  public SimMessage create(SimChannel channel, JsonNode body, Origin origin, Instant at) {
    SimMessage message =
        new SimMessage(
            at == null ? state.ids.next() : state.ids.at(at),
            channel.id,
            channel.guildId,
            origin.author(),
            body.hasNonNull("nonce") ? body.get("nonce").asText() : null,
            origin.webhookId(),
            origin.applicationId(),
            origin.referencedMessage());
    message.interactionMetadata = origin.interaction();
    apply(message, body);
    message.flags = body.path("flags").asInt(0);
    state.messagesOf(channel.id).put(message.id, message);
    channel.lastMessageId = Math.max(channel.lastMessageId, message.id);
    if (message.nonce != null) {
      pruneNonces();
      nonces.put(
          origin.author().id + "/" + message.nonce,
          new NonceEntry(channel.id, message.id, clock.instant()));
    }
    stats.messageCreated();
    state.publish(new SimEvent.MessageCreated(message));
    return message;
  }

  /** Replaces the parts the body carries, keeping the old version in the edit history. */
  public SimMessage edit(SimMessage message, JsonNode body) {
    return change(message, body, true);
  }

  /**
   * Fills in a deferred ("thinking…") interaction response. Discord shows the result as the answer
   * itself, not as an edit: {@code edited_timestamp} stays null.
   */
  public SimMessage fillIn(SimMessage loading, JsonNode body) {
    return change(loading, body, false);
  }

  private SimMessage change(SimMessage message, JsonNode body, boolean markEdited) {
    message.history.add(
        new SimMessage.Revision(
            message.content, message.embeds, message.components, editedOrCreated(message)));
    apply(message, body);
    if (body.has("flags")) {
      // An existing message's ephemeral state cannot change.
      message.flags = body.path("flags").asInt(0) | (message.flags & SimMessage.EPHEMERAL);
    }
    if (markEdited) {
      message.editedAt = clock.instant();
    }
    stats.messageEdited();
    state.publish(new SimEvent.MessageUpdated(message));
    return message;
  }

  public void delete(SimMessage message) {
    message.deletedAt = clock.instant();
    stats.messagesDeleted(1);
    state.publish(new SimEvent.MessageDeleted(message));
  }

  public void bulkDelete(SimChannel channel, List<SimMessage> messages) {
    Instant now = clock.instant();
    messages.forEach(message -> message.deletedAt = now);
    stats.messagesDeleted(messages.size());
    state.publish(
        new SimEvent.MessagesBulkDeleted(
            channel.guildId, channel.id, messages.stream().map(m -> m.id).toList()));
  }

  private static Instant editedOrCreated(SimMessage message) {
    return message.editedAt != null ? message.editedAt : message.createdAt();
  }

  private void apply(SimMessage message, JsonNode body) {
    if (body.has("content")) {
      message.content = body.get("content").isNull() ? "" : body.get("content").asText();
      mentions.apply(message, body);
    } else if (message.content == null) {
      message.content = "";
      mentions.apply(message, body);
    }
    if (body.has("embeds")) {
      message.embeds = arrayOrEmpty(body.get("embeds"));
      // Discord stores every embed a bot sends as a "rich" embed and says so.
      message.embeds.forEach(
          embed -> {
            if (embed.isObject() && !embed.hasNonNull("type")) {
              ((com.fasterxml.jackson.databind.node.ObjectNode) embed).put("type", "rich");
            }
          });
    } else if (message.embeds == null) {
      message.embeds = Json.array();
    }
    if (body.has("components")) {
      message.components = arrayOrEmpty(body.get("components"));
    } else if (message.components == null) {
      message.components = Json.array();
    }
  }

  private static ArrayNode arrayOrEmpty(JsonNode node) {
    return node != null && node.isArray() ? (ArrayNode) node.deepCopy() : Json.array();
  }

  private void pruneNonces() {
    Instant horizon = clock.instant().minus(NONCE_WINDOW);
    if (nonces.size() > 10_000) {
      nonces.values().removeIf(entry -> entry.at.isBefore(horizon));
    }
  }
}
