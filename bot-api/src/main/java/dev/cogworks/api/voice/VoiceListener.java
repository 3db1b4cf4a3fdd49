package dev.cogworks.api.voice;

/**
 * What happens to the bot's voice connections and to the people in voice channels. Called on the
 * platform's threads: decide from memory and hand work to the cog's executor. All methods have
 * no-op defaults.
 */
public interface VoiceListener {
  /** The bot's voice connection in the guild is up, in {@code channelId}. */
  default void connected(long guildId, long channelId) {}

  /** Someone moved the bot to {@code channelId}; the connection follows by itself. */
  default void moved(long guildId, long channelId) {}

  /** The bot is out of voice in the guild, and why. */
  default void disconnected(long guildId, VoiceException.Reason reason) {}

  /** A person joined, left or moved between voice channels of the guild. */
  default void membersChanged(long guildId, long userId) {}
}
