package dev.cogworks.api.component;

import java.util.Optional;

/**
 * What a button or select menu carries back when clicked: {@code <cog>:<handler>:<payload>}, at
 * most 100 characters (Discord's limit on custom ids). The click is routed to that cog's component
 * handler of that name, with the payload; everything needed is in the id itself, so a component
 * keeps working after the bot restarts. Cogs usually build ids with {@code
 * CogHelper.componentId(handler, payload)}.
 *
 * @param payload the cog's own data for the click (may be empty, may contain {@code :})
 */
public record ComponentId(String cog, String handler, String payload) {
  /** Discord's limit on a custom id. */
  public static final int MAX_LENGTH = 100;

  private static final String NAME = "[a-z0-9_-]{1,32}";

  public ComponentId {
    if (cog == null || !cog.matches(NAME)) {
      throw new IllegalArgumentException(
          "cog name '" + cog + "' cannot start a component id: it must be " + rule());
    }
    if (handler == null || !handler.matches(NAME)) {
      throw new IllegalArgumentException(
          "component handler name '" + handler + "' must be " + rule());
    }
    payload = payload == null ? "" : payload;
    int length = cog.length() + handler.length() + payload.length() + 2;
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the component id for "
              + cog
              + ":"
              + handler
              + " would be "
              + length
              + " characters; Discord allows "
              + MAX_LENGTH
              + ", so its payload may have at most "
              + (MAX_LENGTH - length + payload.length())
              + " (it has "
              + payload.length()
              + ")");
    }
  }

  /** The custom id to put on a button or select menu. */
  public String customId() {
    return cog + ":" + handler + ":" + payload;
  }

  /** The id a component carries, or empty when it is not one of ours (or malformed). */
  public static Optional<ComponentId> parse(String customId) {
    if (customId == null) {
      return Optional.empty();
    }
    String[] parts = customId.split(":", 3);
    if (parts.length < 3 || !parts[0].matches(NAME) || !parts[1].matches(NAME)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ComponentId(parts[0], parts[1], parts[2]));
    } catch (IllegalArgumentException tooLong) {
      return Optional.empty();
    }
  }

  private static String rule() {
    return "1-32 lower-case letters, digits, - or _";
  }
}
