package dev.cogworks.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A message with everything the tests and benchmarks inspect: its edit history, the message it
 * replies to and, once deleted, when. Deleted messages stay here (hidden from the REST API) so the
 * control API can show them.
 */
public final class SimMessage {
  /** Only the user who ran the interaction sees it; never in REST views or gateway events. */
  public static final int EPHEMERAL = 1 << 6;

  /** An interaction response whose bot is still "thinking" (a deferred reply). */
  public static final int LOADING = 1 << 7;

  public final long id;
  public final long channelId;
  public final long guildId;
  public final SimUser author;
  public final String nonce;
  public final Long webhookId;
  public final Long applicationId;

  /** The message this one replies to (Discord's message_reference), or null. */
  public final SimMessage referencedMessage;

  public volatile String content;
  public volatile ArrayNode embeds;
  public volatile ArrayNode components;
  public volatile int flags;
  public volatile ArrayNode mentions;

  /** Ids of the roles the message pings (Discord's mention_roles). */
  public volatile ArrayNode mentionRoles;

  public volatile boolean mentionEveryone;
  public volatile JsonNode interactionMetadata;
  public volatile Instant editedAt;
  public volatile Instant deletedAt;
  public final List<Revision> history = new ArrayList<>();

  /** One earlier version of the message, recorded when an edit replaced it. */
  public record Revision(String content, ArrayNode embeds, ArrayNode components, Instant at) {}

  public SimMessage(
      long id,
      long channelId,
      long guildId,
      SimUser author,
      String nonce,
      Long webhookId,
      Long applicationId,
      SimMessage referencedMessage) {
    this.id = id;
    this.channelId = channelId;
    this.guildId = guildId;
    this.author = author;
    this.nonce = nonce;
    this.webhookId = webhookId;
    this.applicationId = applicationId;
    this.referencedMessage = referencedMessage;
  }

  public Instant createdAt() {
    return Snowflakes.instantOf(id);
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  public boolean ephemeral() {
    return (flags & EPHEMERAL) != 0;
  }

  public boolean loading() {
    return (flags & LOADING) != 0;
  }
}
