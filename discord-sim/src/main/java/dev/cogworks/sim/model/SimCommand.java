package dev.cogworks.sim.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A registered application command. {@code guildId} is null for a global command. The definition is
 * kept as the JSON the bot sent, with id/version/application_id filled in, because that is exactly
 * what Discord echoes back.
 */
public record SimCommand(long id, long applicationId, Long guildId, String name, ObjectNode json) {}
