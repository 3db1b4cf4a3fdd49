package dev.cogworks.sim.model;

/** A custom guild emoji. */
public record SimEmoji(long id, long guildId, String name, boolean animated) {}
