package dev.cogworks.core.internal.conversation;

/** A question as it arrives, before the queue takes it. */
public record NewRequest(
    long userId, long guildId, long channelId, long originMessageId, String message) {}
