package dev.cogworks.sim.rest;

import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.state.Permissions;
import dev.cogworks.sim.state.SimState;

/**
 * Discord's access checks for a bot: not in the guild or cannot see the channel is 50001 Missing
 * Access; sees it but lacks a permission is 50013 Missing Permissions.
 */
final class Access {
  private Access() {}

  static SimMember botMember(SimState state, SimBot bot, long guildId) {
    SimGuild guild = state.guild(guildId);
    SimMember member = guild.members.get(bot.user.id);
    if (member == null) {
      throw DiscordError.missingAccess();
    }
    return member;
  }

  /**
   * What a bot may do in its own DMs: talk and read, never manage (deleting the other side's
   * messages is 50003, see {@link #requireGuildChannel}).
   */
  static final long DM_PERMISSIONS =
      Permission.VIEW_CHANNEL
          | Permission.SEND_MESSAGES
          | Permission.EMBED_LINKS
          | Permission.ATTACH_FILES
          | Permission.READ_MESSAGE_HISTORY
          | Permission.ADD_REACTIONS
          | Permission.USE_EXTERNAL_EMOJIS
          | Permission.USE_APPLICATION_COMMANDS;

  /** The bot's permissions in the channel, after checking it can see the channel at all. */
  static long inChannel(SimState state, SimBot bot, SimChannel channel) {
    if (channel.isDm()) {
      // Another user's DM is not there for the bot at all.
      if (!channel.hasRecipient(bot.user.id)) {
        throw DiscordError.missingAccess();
      }
      return DM_PERMISSIONS;
    }
    SimGuild guild = state.guild(channel.guildId);
    long granted = Permissions.inChannel(guild, botMember(state, bot, guild.id), channel);
    if (!Permission.has(granted, Permission.VIEW_CHANNEL)) {
      throw DiscordError.missingAccess();
    }
    return granted;
  }

  static void requireInChannel(SimState state, SimBot bot, SimChannel channel, long required) {
    if (!Permission.has(inChannel(state, bot, channel), required)) {
      throw DiscordError.missingPermissions();
    }
  }

  /** Guild-only actions on a DM channel are Discord's 50003. */
  static void requireGuildChannel(SimChannel channel) {
    if (channel.isDm()) {
      throw DiscordError.cannotExecuteOnDm();
    }
  }

  static void requireInGuild(SimState state, SimBot bot, long guildId, long required) {
    SimGuild guild = state.guild(guildId);
    if (!Permission.has(Permissions.base(guild, botMember(state, bot, guildId)), required)) {
      throw DiscordError.missingPermissions();
    }
  }
}
