package dev.cogworks.sim.model;

/** The permission bits the simulator checks, with Discord's values. */
public final class Permission {
  public static final long CREATE_INSTANT_INVITE = 1L;
  public static final long KICK_MEMBERS = 1L << 1;
  public static final long BAN_MEMBERS = 1L << 2;
  public static final long ADMINISTRATOR = 1L << 3;
  public static final long MANAGE_CHANNELS = 1L << 4;
  public static final long MANAGE_GUILD = 1L << 5;
  public static final long ADD_REACTIONS = 1L << 6;
  public static final long VIEW_CHANNEL = 1L << 10;
  public static final long SEND_MESSAGES = 1L << 11;
  public static final long MANAGE_MESSAGES = 1L << 13;
  public static final long EMBED_LINKS = 1L << 14;
  public static final long ATTACH_FILES = 1L << 15;
  public static final long READ_MESSAGE_HISTORY = 1L << 16;
  public static final long MENTION_EVERYONE = 1L << 17;
  public static final long USE_EXTERNAL_EMOJIS = 1L << 18;
  public static final long CONNECT = 1L << 20;
  public static final long SPEAK = 1L << 21;
  public static final long MUTE_MEMBERS = 1L << 22;
  public static final long MOVE_MEMBERS = 1L << 24;
  public static final long USE_VAD = 1L << 25;
  public static final long CHANGE_NICKNAME = 1L << 26;
  public static final long MANAGE_ROLES = 1L << 28;
  public static final long MANAGE_WEBHOOKS = 1L << 29;
  public static final long MANAGE_GUILD_EXPRESSIONS = 1L << 30;
  public static final long USE_APPLICATION_COMMANDS = 1L << 31;
  public static final long REQUEST_TO_SPEAK = 1L << 32;
  public static final long CREATE_GUILD_EXPRESSIONS = 1L << 43;

  /** Every bit Discord defines today; what an administrator effectively has. */
  public static final long ALL = (1L << 51) - 1;

  /** What Discord gives @everyone in a new guild. */
  public static final long DEFAULT_EVERYONE =
      CREATE_INSTANT_INVITE
          | ADD_REACTIONS
          | VIEW_CHANNEL
          | SEND_MESSAGES
          | EMBED_LINKS
          | ATTACH_FILES
          | READ_MESSAGE_HISTORY
          | MENTION_EVERYONE
          | USE_EXTERNAL_EMOJIS
          | CHANGE_NICKNAME
          | USE_APPLICATION_COMMANDS
          | CONNECT
          | SPEAK
          | USE_VAD
          | REQUEST_TO_SPEAK;

  private Permission() {}

  public static boolean has(long granted, long required) {
    return (granted & ADMINISTRATOR) != 0 || (granted & required) == required;
  }
}
