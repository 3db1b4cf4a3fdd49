package dev.cogworks.sim.control;

import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.state.MessageWriter;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What people change in a server besides writing: a user edits or deletes their own message, an
 * admin deletes a channel, changes its permission overwrites or reorders roles. Each goes out as
 * the dispatch Discord sends for it.
 */
final class ServerChanges {
  private final SimState state;
  private final MessageWriter writer;

  ServerChanges(SimState state, MessageWriter writer) {
    this.state = state;
    this.writer = writer;
  }

  /** MESSAGE_UPDATE: only the author edits a message. */
  SimMessage editMessage(long messageId, long userId, String content) {
    SimControl.requireContent(content);
    return state.write(
        () -> writer.edit(ownMessage(messageId, userId), Json.object().put("content", content)));
  }

  /** MESSAGE_DELETE. */
  void deleteMessage(long messageId, long userId) {
    state.write(() -> writer.delete(ownMessage(messageId, userId)));
  }

  private SimMessage ownMessage(long messageId, long userId) {
    SimMessage message =
        state
            .findMessage(messageId)
            .filter(m -> !m.deleted())
            .orElseThrow(() -> new ControlException(404, "unknown message " + messageId));
    if (message.author.id != userId) {
      throw new ControlException(
          "message " + messageId + " is " + message.author.username + "'s, not user " + userId);
    }
    return message;
  }

  /** CHANNEL_DELETE; the channel and its messages are gone for bots (10003 afterwards). */
  SimChannel deleteChannel(long channelId) {
    return state.write(
        () -> {
          SimChannel channel = state.channel(channelId);
          if (channel.isDm()) {
            throw new ControlException("DM channels are not deleted");
          }
          state.guild(channel.guildId).channels.remove(channel.id);
          state.channels.remove(channel.id);
          state.publish(new SimEvent.ChannelDeleted(channel));
          return channel;
        });
  }

  /** CHANNEL_UPDATE with the new overwrites, which replace the old ones. */
  SimChannel setOverwrites(long channelId, List<PermissionOverwrite> overwrites) {
    return state.write(
        () -> {
          SimChannel channel = state.channel(channelId);
          if (channel.isDm()) {
            throw new ControlException("DM channels have no permission overwrites");
          }
          channel.overwrites.clear();
          channel.overwrites.addAll(overwrites);
          state.publish(new SimEvent.ChannelUpdated(channel));
          return channel;
        });
  }

  /** A guild's system channel is set (a text channel of that guild) or cleared: GUILD_UPDATE. */
  SimGuild setSystemChannel(long guildId, Long channelId) {
    return state.write(
        () -> {
          SimGuild guild = state.guild(guildId);
          if (channelId != null && !guild.channels.containsKey(channelId)) {
            throw new ControlException("no channel " + channelId + " in guild " + guildId);
          }
          guild.systemChannelId = channelId;
          state.publish(new SimEvent.GuildUpdated(guild));
          return guild;
        });
  }

  /** A channel is marked age-restricted (NSFW) or not: CHANNEL_UPDATE. */
  SimChannel setNsfw(long channelId, boolean nsfw) {
    return state.write(
        () -> {
          SimChannel channel = state.channel(channelId);
          if (channel.isDm()) {
            throw new ControlException("DM channels cannot be NSFW");
          }
          channel.nsfw = nsfw;
          state.publish(new SimEvent.ChannelUpdated(channel));
          return channel;
        });
  }

  /**
   * Discord's "Modify Guild Role Positions": the roles given move to their new positions, and each
   * role whose position changed gets a GUILD_ROLE_UPDATE. The @everyone role stays at 0.
   */
  List<SimRole> reorderRoles(long guildId, Map<Long, Integer> positions) {
    return state.write(
        () -> {
          SimGuild guild = state.guild(guildId);
          for (var entry : positions.entrySet()) {
            SimRole role = state.role(guildId, entry.getKey());
            if (role.isEveryone() || entry.getValue() < 1) {
              throw new ControlException("@everyone stays at 0; other roles go to 1 or higher");
            }
          }
          List<SimRole> moved = new ArrayList<>();
          for (var entry : positions.entrySet()) {
            SimRole role = guild.roles.get(entry.getKey());
            if (role.position != entry.getValue()) {
              role.position = entry.getValue();
              moved.add(role);
            }
          }
          moved.forEach(role -> state.publish(new SimEvent.RoleUpdated(role)));
          return moved;
        });
  }
}
