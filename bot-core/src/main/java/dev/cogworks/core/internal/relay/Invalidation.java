package dev.cogworks.core.internal.relay;

/**
 * What the bot saw on its gateway that makes a worker's cache wrong, published through the engine
 * ({@link Invalidations}). A worker has no gateway session of its own, so this is how it hears that
 * a message or channel is gone, or that a guild's emojis or roles changed. On the wire it is {@code
 * kind:id}, e.g. {@code message_deleted:1234}: a NOTIFY payload or a pub/sub message.
 */
public record Invalidation(Kind kind, long id) {
  /** Each kind and what its id is. */
  public enum Kind {
    /** A message (id) was deleted, by anyone. */
    MESSAGE_DELETED,
    /** A channel (id) was deleted. */
    CHANNEL_DELETED,
    /** A guild's (id) emojis changed. */
    EMOJIS_CHANGED,
    /** A guild's (id) roles changed, or the bot's own roles in it. */
    ROLES_CHANGED,
    /** A guild (id) changed its settings; its owner may be another. */
    GUILD_CHANGED,
    /** The bot left a guild (id), or was removed. */
    GUILD_LEFT;

    String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public String encode() {
    return kind.wireName() + ":" + Long.toUnsignedString(id);
  }

  /** The invalidation {@code text} encodes; throws IllegalArgumentException when it is none. */
  public static Invalidation decode(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not an invalidation: " + text);
    }
    Kind kind = Kind.valueOf(text.substring(0, colon).toUpperCase(java.util.Locale.ROOT));
    return new Invalidation(kind, Long.parseUnsignedLong(text.substring(colon + 1)));
  }
}
