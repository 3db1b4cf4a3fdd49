package dev.cogworks.sim.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.ContentVisibility;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * Renders a world event as the dispatch one session receives, or nothing: intents filter events and
 * message content, guild membership and shard decide who hears about a guild at all.
 */
final class GatewayEvents {
  private final SimState state;
  private final LongPredicate online;

  /** {@code online}: whether a user is online (has a live gateway session). */
  GatewayEvents(SimState state, LongPredicate online) {
    this.state = state;
    this.online = online;
  }

  /** A dispatch: its type and data. */
  record Dispatch(String type, JsonNode data) {}

  Dispatch render(SimEvent event, GatewaySession session) {
    long botId = session.bot.user.id;
    if (!session.servesGuild(event.guildId())) {
      return null;
    }
    if (event instanceof SimEvent.GuildAvailable available) {
      return available.botUserId() == botId
          ? new Dispatch("GUILD_CREATE", guildCreate(available.guild(), session))
          : null;
    }
    if (event instanceof SimEvent.GuildRemoved removed) {
      if (removed.botUserId() != botId) {
        return null;
      }
      // Left or removed: no "unavailable" field, which JDA reads as leaving the guild.
      ObjectNode data = Json.object();
      data.put("id", Long.toString(removed.guildId()));
      return new Dispatch("GUILD_DELETE", data);
    }
    if (event instanceof SimEvent.InteractionCreated e) {
      // Needs no intent; one started in a DM has guild id 0 and goes to shard 0.
      return e.interaction().bot.user.id == botId
          ? new Dispatch("INTERACTION_CREATE", e.payload())
          : null;
    }
    if (event instanceof SimEvent.VoiceServerUpdated e) {
      if (!e.gatewaySessionId().equals(session.id)) {
        return null;
      }
      ObjectNode data = Json.object();
      data.put("token", e.token());
      data.put("guild_id", Long.toString(e.guildId()));
      data.put("endpoint", e.endpoint());
      return new Dispatch("VOICE_SERVER_UPDATE", data);
    }
    Dispatch direct = directMessage(event, session);
    if (direct != null || event.guildId() == 0) {
      return direct;
    }
    SimGuild guild = state.guilds.get(event.guildId());
    if (guild == null || !guild.members.containsKey(botId)) {
      return null;
    }
    int intents = session.intents;
    // Java 17 has no pattern matching for switch, hence the instanceof chain.
    if (event instanceof SimEvent.MessageCreated e) {
      return message(session, e.message(), "MESSAGE_CREATE");
    }
    if (event instanceof SimEvent.MessageUpdated e) {
      return message(session, e.message(), "MESSAGE_UPDATE");
    }
    if (event instanceof SimEvent.MessageDeleted e) {
      SimMessage message = e.message();
      if (!Intents.has(intents, Intents.GUILD_MESSAGES) || message.ephemeral()) {
        return null;
      }
      ObjectNode data = Json.object();
      data.put("id", Long.toString(message.id));
      data.put("channel_id", Long.toString(message.channelId));
      data.put("guild_id", Long.toString(message.guildId));
      return new Dispatch("MESSAGE_DELETE", data);
    }
    if (event instanceof SimEvent.MessagesBulkDeleted e) {
      if (!Intents.has(intents, Intents.GUILD_MESSAGES)) {
        return null;
      }
      ObjectNode data = Json.object();
      var ids = data.putArray("ids");
      e.messageIds().forEach(id -> ids.add(Long.toString(id)));
      data.put("channel_id", Long.toString(e.channelId()));
      data.put("guild_id", Long.toString(e.guildId()));
      return new Dispatch("MESSAGE_DELETE_BULK", data);
    }
    if (event instanceof SimEvent.MemberAdded e) {
      return Intents.has(intents, Intents.GUILD_MEMBERS)
          ? new Dispatch("GUILD_MEMBER_ADD", withGuild(Payloads.member(e.member()), e.guildId()))
          : null;
    }
    if (event instanceof SimEvent.MemberUpdated e) {
      // Discord sends the bot its own member updates without the privileged intent.
      boolean visible = Intents.has(intents, Intents.GUILD_MEMBERS) || e.member().user.id == botId;
      return visible
          ? new Dispatch("GUILD_MEMBER_UPDATE", withGuild(Payloads.member(e.member()), e.guildId()))
          : null;
    }
    if (event instanceof SimEvent.RoleCreated e) {
      return roleEvent(intents, "GUILD_ROLE_CREATE", e.role());
    }
    if (event instanceof SimEvent.RoleUpdated e) {
      return roleEvent(intents, "GUILD_ROLE_UPDATE", e.role());
    }
    if (event instanceof SimEvent.MemberRemoved e) {
      if (!Intents.has(intents, Intents.GUILD_MEMBERS)) {
        return null;
      }
      ObjectNode data = Json.object();
      data.put("guild_id", Long.toString(e.guildId()));
      data.set("user", Payloads.user(e.user()));
      return new Dispatch("GUILD_MEMBER_REMOVE", data);
    }
    if (event instanceof SimEvent.RoleDeleted e) {
      if (!Intents.has(intents, Intents.GUILDS)) {
        return null;
      }
      ObjectNode data = Json.object();
      data.put("guild_id", Long.toString(e.guildId()));
      data.put("role_id", Long.toString(e.roleId()));
      return new Dispatch("GUILD_ROLE_DELETE", data);
    }
    if (event instanceof SimEvent.ChannelCreated e) {
      return Intents.has(intents, Intents.GUILDS)
          ? new Dispatch("CHANNEL_CREATE", Payloads.channel(e.channel()))
          : null;
    }
    if (event instanceof SimEvent.ChannelDeleted e) {
      return Intents.has(intents, Intents.GUILDS)
          ? new Dispatch("CHANNEL_DELETE", Payloads.channel(e.channel()))
          : null;
    }
    if (event instanceof SimEvent.ChannelUpdated e) {
      return Intents.has(intents, Intents.GUILDS)
          ? new Dispatch("CHANNEL_UPDATE", Payloads.channel(e.channel()))
          : null;
    }
    if (event instanceof SimEvent.GuildUpdated e) {
      return Intents.has(intents, Intents.GUILDS)
          ? new Dispatch("GUILD_UPDATE", Payloads.guild(e.guild()))
          : null;
    }
    if (event instanceof SimEvent.VoiceStateUpdated e) {
      return Intents.has(intents, Intents.GUILD_VOICE_STATES)
          ? new Dispatch("VOICE_STATE_UPDATE", Payloads.voiceStateUpdate(e.state(), e.member()))
          : null;
    }
    if (event instanceof SimEvent.EmojisUpdated e) {
      if (!Intents.has(intents, Intents.GUILD_EXPRESSIONS)) {
        return null;
      }
      ObjectNode data = Json.object().put("guild_id", Long.toString(e.guildId()));
      var emojis = data.putArray("emojis");
      e.guild().emojis.values().forEach(emoji -> emojis.add(Payloads.emoji(emoji)));
      return new Dispatch("GUILD_EMOJIS_UPDATE", data);
    }
    return null;
  }

  /**
   * A message event in a DM (guild id 0, so routed to shard 0 as Discord does): only for a bot that
   * is one side of it and identified with DIRECT_MESSAGES; without {@code guild_id}, and with its
   * content even without MESSAGE_CONTENT, which Discord does not require for DMs.
   */
  private Dispatch directMessage(SimEvent event, GatewaySession session) {
    SimMessage message;
    String type;
    if (event instanceof SimEvent.MessageCreated e) {
      message = e.message();
      type = "MESSAGE_CREATE";
    } else if (event instanceof SimEvent.MessageUpdated e) {
      message = e.message();
      type = "MESSAGE_UPDATE";
    } else if (event instanceof SimEvent.MessageDeleted e) {
      message = e.message();
      type = "MESSAGE_DELETE";
    } else {
      return null;
    }
    SimChannel channel = state.channels.get(message.channelId);
    if (channel == null
        || !channel.isDm()
        || !channel.hasRecipient(session.bot.user.id)
        || !Intents.has(session.intents, Intents.DIRECT_MESSAGES)
        || message.ephemeral()) {
      return null;
    }
    if (type.equals("MESSAGE_DELETE")) {
      ObjectNode data = Json.object();
      data.put("id", Long.toString(message.id));
      data.put("channel_id", Long.toString(message.channelId));
      return new Dispatch(type, data);
    }
    return new Dispatch(type, Payloads.message(message, null));
  }

  /**
   * GUILD_CREATE with Discord's member list: without GUILD_PRESENCES only the bot itself and the
   * members in voice channels; with it every member, unless the guild has more than {@code
   * large_threshold} members: then only those online, with a role or with a nickname. The simulator
   * has no presences, so "online" means a bot with a live gateway session.
   */
  ObjectNode guildCreate(SimGuild guild, GatewaySession session) {
    long botId = session.bot.user.id;
    boolean large = guild.members.size() > session.largeThreshold;
    Predicate<SimMember> listed;
    if (!Intents.has(session.intents, Intents.GUILD_PRESENCES)) {
      listed = m -> m.user.id == botId || guild.voiceStates.containsKey(m.user.id);
    } else if (!large) {
      listed = m -> true;
    } else {
      listed =
          m ->
              m.user.id == botId
                  || guild.voiceStates.containsKey(m.user.id)
                  || online.test(m.user.id)
                  || !m.roleIds.isEmpty()
                  || m.nick != null;
    }
    return Payloads.guildCreate(guild, botId, listed, large);
  }

  private Dispatch message(GatewaySession session, SimMessage message, String type) {
    if (!Intents.has(session.intents, Intents.GUILD_MESSAGES) || message.ephemeral()) {
      return null;
    }
    long botId = session.bot.user.id;
    boolean intent = Intents.has(session.intents, Intents.MESSAGE_CONTENT);
    return new Dispatch(
        type,
        Payloads.message(
            message, state.guilds.get(message.guildId), ContentVisibility.forBot(botId, intent)));
  }

  private static Dispatch roleEvent(int intents, String type, SimRole role) {
    if (!Intents.has(intents, Intents.GUILDS)) {
      return null;
    }
    ObjectNode data = Json.object().put("guild_id", Long.toString(role.guildId));
    data.set("role", Payloads.role(role));
    return new Dispatch(type, data);
  }

  private static ObjectNode withGuild(ObjectNode member, long guildId) {
    member.put("guild_id", Long.toString(guildId));
    return member;
  }
}
