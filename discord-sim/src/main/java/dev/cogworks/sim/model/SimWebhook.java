package dev.cogworks.sim.model;

/** A channel webhook: executing it needs only its id and token, no bot authorization. */
public record SimWebhook(
    long id, String token, long guildId, long channelId, String name, long creatorId) {}
