package dev.cogworks.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A registered application command. {@code guildId} is null for a global command. The definition is
 * kept as the JSON the bot sent, with id/version/application_id filled in, because that is exactly
 * what Discord echoes back.
 */
public record SimCommand(long id, long applicationId, Long guildId, String name, ObjectNode json) {
  /** Interaction context types (Discord, "Receiving and Responding"): in a server. */
  public static final int GUILD = 0;

  /** In the DM between a person and the app's bot user. */
  public static final int BOT_DM = 1;

  /** Integration type GUILD_INSTALL: the only installation the simulator has. */
  private static final int GUILD_INSTALL = 0;

  /**
   * Whether Discord's client offers the command in interaction context {@code context}. A guild
   * command runs only in its guild ("Guild commands don't support the BOT_DM interaction context").
   * A global command runs where its {@code contexts} say; without them, everywhere (Discord's
   * default is every context), except in DMs when the deprecated {@code dm_permission} is false.
   * Its {@code integration_types} must include GUILD_INSTALL, since simulated apps are installed to
   * servers only, never to users.
   */
  public boolean usableIn(int context) {
    if (guildId != null) {
      return context == GUILD;
    }
    JsonNode installs = json.get("integration_types");
    if (installs != null && installs.isArray() && !contains(installs, GUILD_INSTALL)) {
      return false;
    }
    JsonNode contexts = json.get("contexts");
    if (contexts != null && contexts.isArray()) {
      return contains(contexts, context);
    }
    return context != BOT_DM || json.path("dm_permission").asBoolean(true);
  }

  private static boolean contains(JsonNode array, int value) {
    for (JsonNode element : array) {
      if (element.asInt(-1) == value) {
        return true;
      }
    }
    return false;
  }
}
