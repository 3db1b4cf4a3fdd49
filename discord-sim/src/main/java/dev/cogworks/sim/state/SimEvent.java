package dev.cogworks.sim.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.model.SimVoiceState;
import java.util.List;

/**
 * Something that happened in the simulated world. The gateway renders each one per connected bot
 * (intents, shard), the event stream renders it for the chat page.
 */
public sealed interface SimEvent {
  /** The guild the event belongs to, for shard routing. */
  long guildId();

  record MessageCreated(SimMessage message) implements SimEvent {
    public long guildId() {
      return message.guildId;
    }
  }

  record MessageUpdated(SimMessage message) implements SimEvent {
    public long guildId() {
      return message.guildId;
    }
  }

  record MessageDeleted(SimMessage message) implements SimEvent {
    public long guildId() {
      return message.guildId;
    }
  }

  record MessagesBulkDeleted(long guildId, long channelId, List<Long> messageIds)
      implements SimEvent {}

  record MemberAdded(SimMember member) implements SimEvent {
    public long guildId() {
      return member.guildId;
    }
  }

  record MemberUpdated(SimMember member) implements SimEvent {
    public long guildId() {
      return member.guildId;
    }
  }

  record RoleCreated(SimRole role) implements SimEvent {
    public long guildId() {
      return role.guildId;
    }
  }

  record RoleUpdated(SimRole role) implements SimEvent {
    public long guildId() {
      return role.guildId;
    }
  }

  record RoleDeleted(long guildId, long roleId) implements SimEvent {}

  /** A member left the guild or was removed from it. */
  record MemberRemoved(long guildId, SimUser user) implements SimEvent {}

  /** A bot left a guild, or was removed from it: it receives GUILD_DELETE. */
  record GuildRemoved(long guildId, long botUserId) implements SimEvent {}

  record ChannelCreated(SimChannel channel) implements SimEvent {
    public long guildId() {
      return channel.guildId;
    }
  }

  /** A channel was deleted (its messages go with it). */
  record ChannelDeleted(SimChannel channel) implements SimEvent {
    public long guildId() {
      return channel.guildId;
    }
  }

  /** A channel changed, for instance its permission overwrites. */
  record ChannelUpdated(SimChannel channel) implements SimEvent {
    public long guildId() {
      return channel.guildId;
    }
  }

  /** A guild's own settings changed, for instance its system channel: GUILD_UPDATE. */
  record GuildUpdated(SimGuild guild) implements SimEvent {
    public long guildId() {
      return guild.id;
    }
  }

  record EmojisUpdated(SimGuild guild) implements SimEvent {
    public long guildId() {
      return guild.id;
    }
  }

  /** A guild became visible to a bot (the bot joined it, or it was created with the bot in it). */
  record GuildAvailable(SimGuild guild, long botUserId) implements SimEvent {
    public long guildId() {
      return guild.id;
    }
  }

  /**
   * A user ran a command or clicked a component; {@code payload} is the INTERACTION_CREATE data.
   */
  record InteractionCreated(SimInteraction interaction, ObjectNode payload) implements SimEvent {
    public long guildId() {
      return interaction.guildId;
    }
  }

  /**
   * A user joined, moved within or left voice ({@code state.channelId()} 0), or their flags
   * changed: VOICE_STATE_UPDATE to bots with GUILD_VOICE_STATES.
   */
  record VoiceStateUpdated(SimVoiceState state, SimMember member) implements SimEvent {
    public long guildId() {
      return state.guildId();
    }
  }

  /**
   * Where a bot's voice connection goes: VOICE_SERVER_UPDATE, to the one gateway session that asked
   * ({@code gatewaySessionId}).
   */
  record VoiceServerUpdated(long guildId, String gatewaySessionId, String token, String endpoint)
      implements SimEvent {}
}
