package dev.cogworks.app;

import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimRole;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's roles, so every path of the role cog can be tried in the browser: colours (an
 * exclusive group) and pronouns members take from a panel in #roles, "Musicians" which members of
 * "DJ" (alice) hand out, "Moderators" with Kick Members (too dangerous for self-serve without
 * force), an integration's managed role and "Founders" above the bot, which it cannot give. The
 * roles are made through the simulator's control API, the setup with commands, as admin would.
 */
final class RoleSandboxSeed {
  /** The bot's role sits here: the seeded roles below it are the bot's to give, Founders not. */
  static final int BOT_POSITION = 50;

  static final List<String> COLOURS = List.of("Red", "Green", "Blue");
  static final List<String> PRONOUNS = List.of("he/him", "she/her", "they/them");

  private RoleSandboxSeed() {}

  static void apply(SimControl control, SimGuild guild, SimBot bot) {
    SimRole own =
        guild.roles.values().stream()
            .filter(r -> r.managed && guild.members.get(bot.user.id).roleIds.contains(r.id))
            .findFirst()
            .orElseThrow();
    control.reorderRoles(guild.id, Map.of(own.id, BOT_POSITION));
    control.createRole(guild.id, "Founders", 0, BOT_POSITION + 10, 0xF1C40F, false);
    control.createRole(guild.id, "Moderators", Permission.KICK_MEMBERS, 40, 0x3498DB, false);
    SimRole dj = control.createRole(guild.id, "DJ", 0, 30, 0x9B59B6, false);
    control.createRole(guild.id, "Musicians", 0, 25, 0x1ABC9C, false);
    control.createRole(guild.id, "Twitch Subscribers", 0, 20, 0x6441A5, true);
    int[] colours = {0xE74C3C, 0x2ECC71, 0x3498DB};
    for (int i = 0; i < COLOURS.size(); i++) {
      control.createRole(guild.id, COLOURS.get(i), 0, 10 + i, colours[i], false);
    }
    for (int i = 0; i < PRONOUNS.size(); i++) {
      control.createRole(guild.id, PRONOUNS.get(i), 0, 5 + i);
    }
    control.addMember(guild.id, control.userByName("alice").orElseThrow().id, List.of(dj.id));
  }

  /** As admin in #roles: the setup, then the panel (which follows later setup changes). */
  static void setUp(SimControl control, SimGuild guild) {
    SimChannel roles = control.channelByName(guild.id, "roles").orElseThrow();
    long admin = control.userByName("admin").orElseThrow().id;
    for (String name : COLOURS) {
      control.postMessage(roles.id, admin, "!role self-serve add " + name);
    }
    for (String name : PRONOUNS) {
      control.postMessage(roles.id, admin, "!role self-serve add " + name);
    }
    control.postMessage(roles.id, admin, "!role groups set colours " + String.join(", ", COLOURS));
    control.postMessage(roles.id, admin, "!role managers set DJ Musicians");
    control.postMessage(roles.id, admin, "!role panel");
  }
}
