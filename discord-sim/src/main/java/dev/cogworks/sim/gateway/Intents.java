package dev.cogworks.sim.gateway;

/** Gateway intent bits, with Discord's values. */
public final class Intents {
  public static final int GUILDS = 1;
  public static final int GUILD_MEMBERS = 1 << 1;
  public static final int GUILD_EXPRESSIONS = 1 << 3;
  public static final int GUILD_VOICE_STATES = 1 << 7;
  public static final int GUILD_PRESENCES = 1 << 8;
  public static final int GUILD_MESSAGES = 1 << 9;
  public static final int DIRECT_MESSAGES = 1 << 12;
  public static final int MESSAGE_CONTENT = 1 << 15;

  /** Every intent Discord defines; anything outside it is error 4013. */
  public static final int ALL_KNOWN = (1 << 26) - 1;

  private Intents() {}

  public static boolean has(int intents, int intent) {
    return (intents & intent) == intent;
  }
}
