package dev.cogworks.core.internal.conversation;

import java.time.Instant;

/**
 * One question to the assistant, as the queue keeps it.
 *
 * @param guildId the server it was asked in; {@link #DIRECT} for a direct message
 * @param originMessageId the person's own message (a prefix command or a DM), answered as a reply;
 *     0 for a slash command
 * @param statusMessageId the message showing the request's state and then its answer; 0 until sent
 * @param attempts how many times answering started (a restart in the middle retries once)
 */
public record ConversationRequest(
    long id,
    long userId,
    long guildId,
    long channelId,
    long originMessageId,
    String message,
    Instant createdAt,
    RequestStatus status,
    long statusMessageId,
    int attempts) {
  /** The {@code guildId} of a direct message. */
  public static final long DIRECT = 0;

  public boolean direct() {
    return guildId == DIRECT;
  }

  ConversationRequest withStatus(RequestStatus status) {
    return new ConversationRequest(
        id,
        userId,
        guildId,
        channelId,
        originMessageId,
        message,
        createdAt,
        status,
        statusMessageId,
        attempts);
  }

  ConversationRequest withStatusMessage(long messageId) {
    return new ConversationRequest(
        id,
        userId,
        guildId,
        channelId,
        originMessageId,
        message,
        createdAt,
        status,
        messageId,
        attempts);
  }

  ConversationRequest startedAgain() {
    return new ConversationRequest(
        id,
        userId,
        guildId,
        channelId,
        originMessageId,
        message,
        createdAt,
        RequestStatus.PROCESSING,
        statusMessageId,
        attempts + 1);
  }

  /** Discord's link to the status message, for "see your request here". */
  public String statusLink() {
    return "https://discord.com/channels/"
        + (direct() ? "@me" : Long.toString(guildId))
        + "/"
        + channelId
        + "/"
        + statusMessageId;
  }
}
