package dev.cogworks.sim.model;

import java.time.Instant;

/**
 * An interaction a user started. It must be acknowledged once within the acknowledgement window;
 * its token then stays valid for follow-ups for 15 minutes, as on Discord.
 */
public final class SimInteraction {
  public final long id;
  public final String token;
  public final SimBot bot;
  public final long guildId;
  public final long channelId;
  public final SimUser user;
  public final int type;
  public final Instant createdAt;

  /** For component interactions, the message the component is on. */
  public final Long sourceMessageId;

  public volatile boolean acknowledged;
  public volatile Long originalMessageId;

  public SimInteraction(
      long id,
      String token,
      SimBot bot,
      long guildId,
      long channelId,
      SimUser user,
      int type,
      Instant createdAt,
      Long sourceMessageId) {
    this.id = id;
    this.token = token;
    this.bot = bot;
    this.guildId = guildId;
    this.channelId = channelId;
    this.user = user;
    this.type = type;
    this.createdAt = createdAt;
    this.sourceMessageId = sourceMessageId;
  }
}
