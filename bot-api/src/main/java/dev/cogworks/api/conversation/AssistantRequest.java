package dev.cogworks.api.conversation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One question for an {@link Assistant}.
 *
 * @param requestId the queue's id for the request (stable across restarts and retries)
 * @param userId who asks
 * @param guildId the server it was asked in; empty in a direct message
 * @param channelId the channel (or DM channel) the answer goes to
 * @param message what the person wrote
 * @param history earlier turns of this person's conversation in this server (or in DMs), oldest
 *     first, at most {@code conversation.history_limit}
 * @param systemPrompt the server's own instructions for the assistant, when its admins set some
 * @param timeout how long the answer may take; the queue gives up after it
 */
public record AssistantRequest(
    long requestId,
    long userId,
    OptionalLong guildId,
    long channelId,
    String message,
    List<ConversationTurn> history,
    Optional<String> systemPrompt,
    Duration timeout) {
  public AssistantRequest {
    Objects.requireNonNull(guildId, "guildId");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(timeout, "timeout");
    history = List.copyOf(history);
  }
}
