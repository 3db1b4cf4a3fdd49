package dev.cogworks.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An interaction a user started. It must be acknowledged once within the acknowledgement window;
 * its token then stays valid for follow-ups for 15 minutes, as on Discord.
 */
public final class SimInteraction {
  public static final int APPLICATION_COMMAND = 2;
  public static final int MESSAGE_COMPONENT = 3;
  public static final int APPLICATION_COMMAND_AUTOCOMPLETE = 4;

  public final long id;
  public final String token;
  public final SimBot bot;
  public final long guildId;
  public final long channelId;
  public final SimUser user;
  public final int type;
  public final Instant createdAt;

  /** The interaction's {@code data} as the bot received it (command, options, custom_id...). */
  public final JsonNode data;

  /** For component interactions, the message the component is on. */
  public final Long sourceMessageId;

  /** The callback type the bot acknowledged with; 0 until it has. */
  public volatile int responseType;

  /** The message {@code @original} addresses, once there is one. */
  public volatile Long originalMessageId;

  /** Every message this interaction's token may address: the original response and follow-ups. */
  public final Set<Long> messageIds = ConcurrentHashMap.newKeySet();

  /**
   * The accepted callback body ({@code type} and {@code data}). Completed by the REST thread that
   * accepted the callback, after it released the state lock.
   */
  public final CompletableFuture<JsonNode> response = new CompletableFuture<>();

  public SimInteraction(
      long id,
      String token,
      SimBot bot,
      long guildId,
      long channelId,
      SimUser user,
      int type,
      Instant createdAt,
      JsonNode data,
      Long sourceMessageId) {
    this.id = id;
    this.token = token;
    this.bot = bot;
    this.guildId = guildId;
    this.channelId = channelId;
    this.user = user;
    this.type = type;
    this.createdAt = createdAt;
    this.data = data;
    this.sourceMessageId = sourceMessageId;
  }

  public boolean acknowledged() {
    return responseType != 0;
  }

  /** Makes {@code message} the one {@code @original} addresses. */
  public void setOriginal(SimMessage message) {
    originalMessageId = message.id;
    messageIds.add(message.id);
  }
}
