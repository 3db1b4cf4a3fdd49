package dev.cogworks.sim.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A guild text channel (type 0), a voice channel (type 2) or a stage channel (type 13), or a direct
 * message channel (type 1) between a bot and a user, which belongs to no guild ({@code guildId} 0)
 * and has its two {@code recipients}. Messages live in {@link SimMessage} keyed by channel; who is
 * in a voice or stage channel lives in {@link SimGuild#voiceStates}.
 */
public final class SimChannel {
  public static final int GUILD_TEXT = 0;
  public static final int DM = 1;
  public static final int GUILD_VOICE = 2;
  public static final int GUILD_STAGE_VOICE = 13;

  public final long id;
  public final long guildId;
  public final int type;
  public volatile String name;
  public volatile String topic;
  public volatile int position;
  public volatile boolean nsfw;

  /** Slowmode: seconds a user waits between messages (0–21600); bots are not held to it. */
  public volatile int rateLimitPerUser;

  public final List<PermissionOverwrite> overwrites = new CopyOnWriteArrayList<>();
  public volatile long lastMessageId;

  /** Voice and stage channels: bits per second (Discord's default 64000) and 0 for no limit. */
  public volatile int bitrate = 64_000;

  public volatile int userLimit;

  /** For a DM: the user and the bot; empty for a guild channel. */
  public final List<SimUser> recipients;

  public SimChannel(long id, long guildId, String name, int position) {
    this(id, guildId, GUILD_TEXT, name, position);
  }

  /** A guild channel of {@code type}: {@link #GUILD_TEXT}, {@link #GUILD_VOICE} or stage. */
  public SimChannel(long id, long guildId, int type, String name, int position) {
    this.id = id;
    this.guildId = guildId;
    this.type = type;
    this.name = name;
    this.position = position;
    this.recipients = List.of();
  }

  private SimChannel(long id, SimUser user, SimUser bot) {
    this.id = id;
    this.guildId = 0;
    this.type = DM;
    this.recipients = List.of(user, bot);
  }

  /** A DM channel between a person and a bot. */
  public static SimChannel directMessage(long id, SimUser user, SimUser bot) {
    return new SimChannel(id, user, bot);
  }

  public boolean isDm() {
    return type == DM;
  }

  /** A channel one joins by voice: a voice or a stage channel. */
  public boolean isAudio() {
    return type == GUILD_VOICE || type == GUILD_STAGE_VOICE;
  }

  public boolean isStage() {
    return type == GUILD_STAGE_VOICE;
  }

  public boolean hasRecipient(long userId) {
    return recipients.stream().anyMatch(u -> u.id == userId);
  }

  /** The other side of a DM as {@code viewerId} sees it. */
  public SimUser recipientFor(long viewerId) {
    return recipients.stream().filter(u -> u.id != viewerId).findFirst().orElse(recipients.get(0));
  }
}
