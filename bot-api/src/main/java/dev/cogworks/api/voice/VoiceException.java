package dev.cogworks.api.voice;

/** Why the bot is not (or no longer) in a voice channel; the message says it to a person. */
public final class VoiceException extends RuntimeException {
  /** The kinds of refusal and loss. */
  public enum Reason {
    /** The bot lacks Connect or Speak (the message names which) in the channel. */
    MISSING_PERMISSION,
    /** The channel is at its user limit. */
    CHANNEL_FULL,
    /** No such voice or stage channel. */
    UNKNOWN_CHANNEL,
    /**
     * Discord refused the connection without end-to-end encryption (close code 4017) and the bot
     * stopped rejoining; see {@code discord.voice.dave}.
     */
    DAVE_REQUIRED,
    /** The connection did not come up in time, or broke and could not be restored. */
    CONNECTION_FAILED,
    /** Someone disconnected the bot, or removed it from the server. */
    KICKED,
    /** The channel was deleted. */
    CHANNEL_DELETED,
    /** The bot left, as asked. */
    LEFT,
    /** The bot has no voice at all. */
    UNAVAILABLE
  }

  private final Reason reason;

  public VoiceException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
