package dev.cogworks.api.voice;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Voice for cogs: who is in which voice channel, joining, moving and leaving, the audio the bot
 * sends, and what happens to its connection. A cog never touches JDA's {@code AudioManager}; the
 * platform checks permissions first, makes the bot a speaker in stage channels, and stops JDA's
 * endless rejoin when Discord refuses a voice connection without end-to-end encryption (DAVE).
 *
 * <p>Reads never block (they answer from the bot's cache). Futures complete on the cog executor.
 */
public interface Voice {
  /** The voice or stage channel {@code userId} is in, as the bot sees it now. */
  OptionalLong channelOf(long guildId, long userId);

  /** The channel the bot is connected (or connecting) to in the guild. */
  OptionalLong botChannel(long guildId);

  /** The people (not bots) in a voice channel now. */
  List<Long> listeners(long guildId, long channelId);

  /** Whether the channel is a stage channel (the bot asks to speak there once it joined). */
  boolean isStage(long guildId, long channelId);

  /**
   * Joins {@code channelId} (or moves there) and plays what {@code audio} provides. Completes when
   * the voice connection is up; fails with a {@link VoiceException} saying why not: the bot lacks
   * Connect or Speak there, the channel is full or unknown, Discord demands DAVE, or it timed out.
   */
  CompletableFuture<Void> join(long guildId, long channelId, AudioFrames audio);

  /** Leaves the guild's voice channel, if in one; the audio stops. */
  void leave(long guildId);

  /** Tells {@code listener} about connections and members coming and going, from now on. */
  void addListener(VoiceListener listener);

  /** The voice of a bot that has none (tests of other parts): every join fails. */
  static Voice unavailable() {
    return Unavailable.INSTANCE;
  }
}
