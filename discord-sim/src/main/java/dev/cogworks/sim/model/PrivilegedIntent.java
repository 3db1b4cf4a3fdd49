package dev.cogworks.sim.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The three privileged gateway intents, each switched on per application in Discord's developer
 * portal. {@link #intent} is the IDENTIFY bit; {@link #applicationFlag} the bit Discord reports in
 * the application's {@code flags} once the switch is on (GATEWAY_PRESENCE, GATEWAY_GUILD_MEMBERS,
 * GATEWAY_MESSAGE_CONTENT).
 */
public enum PrivilegedIntent {
  GUILD_MEMBERS(1 << 1, 1 << 14),
  GUILD_PRESENCES(1 << 8, 1 << 12),
  MESSAGE_CONTENT(1 << 15, 1 << 18);

  public final int intent;
  public final int applicationFlag;

  PrivilegedIntent(int intent, int applicationFlag) {
    this.intent = intent;
    this.applicationFlag = applicationFlag;
  }

  /** What a new application has: every switch off, as in Discord's portal. */
  public static Set<PrivilegedIntent> none() {
    return EnumSet.noneOf(PrivilegedIntent.class);
  }

  /** Every switch on. */
  public static Set<PrivilegedIntent> all() {
    return EnumSet.allOf(PrivilegedIntent.class);
  }

  /** The application {@code flags} for these switches. */
  public static int flags(Set<PrivilegedIntent> enabled) {
    int flags = 0;
    for (PrivilegedIntent intent : enabled) {
      flags |= intent.applicationFlag;
    }
    return flags;
  }

  /** The IDENTIFY bits of every privileged intent in {@code intents} not in {@code enabled}. */
  public static int disallowed(int intents, Set<PrivilegedIntent> enabled) {
    int refused = 0;
    for (PrivilegedIntent intent : values()) {
      if ((intents & intent.intent) != 0 && !enabled.contains(intent)) {
        refused |= intent.intent;
      }
    }
    return refused;
  }

  /** By name, as the control API spells it ({@code "GUILD_MEMBERS"}, case-insensitive). */
  public static PrivilegedIntent named(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown privileged intent "
              + name
              + "; one of GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT");
    }
  }
}
