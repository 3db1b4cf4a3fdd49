package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandSpec;

/** A command with the cog that brought it, for routing and for {@code help}. */
public record RegisteredCommand(String cog, CommandSpec spec) {}
