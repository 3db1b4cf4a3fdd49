package dev.cogworks.sim.control;

import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimCommand;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.state.SimState;

/**
 * Where a person starts an interaction: a guild channel, as a member of the guild, or the DM
 * between them and a bot ({@code guild} and {@code member} null, {@code dmBot} the other side).
 */
record InvocationPlace(
    SimGuild guild, SimChannel channel, SimUser user, SimMember member, SimBot dmBot) {

  boolean isDm() {
    return guild == null;
  }

  /** The interaction context type Discord reports: GUILD (0) or BOT_DM (1). */
  int context() {
    return isDm() ? SimCommand.BOT_DM : SimCommand.GUILD;
  }

  /**
   * Resolves a place from the control API's ids. {@code guildId} may be left out: a DM channel
   * belongs to no guild, and a guild channel names its own.
   */
  static InvocationPlace of(SimState state, Long guildId, long channelId, long userId) {
    SimChannel channel = state.channels.get(channelId);
    if (channel == null) {
      throw new ControlException(404, "unknown channel " + channelId);
    }
    SimUser user = state.user(userId);
    if (channel.isDm()) {
      if (guildId != null) {
        throw new ControlException(
            "channel " + channelId + " is a DM, which belongs to no guild: leave guild_id out");
      }
      if (!channel.hasRecipient(userId) || user.bot) {
        throw new ControlException(user.username + " is not the person in this DM");
      }
      SimUser other = channel.recipientFor(userId);
      return new InvocationPlace(null, channel, user, null, state.botsByUserId.get(other.id));
    }
    SimGuild guild = state.guild(channel.guildId);
    if (guildId != null && guildId != guild.id) {
      throw new ControlException("unknown channel " + channelId + " in guild " + guildId);
    }
    SimMember member = guild.members.get(userId);
    if (member == null) {
      throw new ControlException(user.username + " is not a member of " + guild.name);
    }
    return new InvocationPlace(guild, channel, user, member, null);
  }
}
