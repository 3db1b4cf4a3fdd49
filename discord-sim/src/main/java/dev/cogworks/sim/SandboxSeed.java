package dev.cogworks.sim;

import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.model.SimUser;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The sandbox world: guild "Sandbox" with #general, #music, #markov and #roles, the voice channels
 * Lounge and Music, and the users admin (with an Administrator role), alice and bob. The platform's
 * sandbox uses the same seed, and {@link #createBot} for its bot.
 */
public final class SandboxSeed {
  public static final String GUILD = "Sandbox";
  public static final List<String> CHANNELS = List.of("general", "music", "markov", "roles");

  /** Voice channels (type 2); names differ from the text channels' by case, as Discord allows. */
  public static final List<String> VOICE_CHANNELS = List.of("Lounge", "Music");

  /**
   * The developer-portal switches of a sandbox bot: the privileged intents the Cogworks bot
   * identifies with (Server Members for chunking and names, Message Content for prefix commands).
   */
  public static final Set<PrivilegedIntent> BOT_PRIVILEGED_INTENTS =
      Collections.unmodifiableSet(
          EnumSet.of(PrivilegedIntent.GUILD_MEMBERS, PrivilegedIntent.MESSAGE_CONTENT));

  private SandboxSeed() {}

  public static SimGuild apply(SimControl control) {
    SimUser admin = control.createUser("admin");
    SimUser alice = control.createUser("alice");
    SimUser bob = control.createUser("bob");
    SimGuild guild = control.createGuild(GUILD, admin.id);
    CHANNELS.forEach(name -> control.createChannel(guild.id, name));
    VOICE_CHANNELS.forEach(
        name -> control.createChannel(guild.id, name, SimChannel.GUILD_VOICE, List.of()));
    SimRole administrator =
        control.createRole(guild.id, "Administrator", Permission.ADMINISTRATOR, 1);
    control.addMember(guild.id, admin.id, List.of(administrator.id));
    control.addMember(guild.id, alice.id, List.of());
    control.addMember(guild.id, bob.id, List.of());
    return guild;
  }

  /** A bot in every guild, its application's switches set as {@link #BOT_PRIVILEGED_INTENTS}. */
  public static SimBot createBot(SimControl control, String username) {
    return control.createBot(username, BOT_PRIVILEGED_INTENTS);
  }
}
