package dev.cogworks.sim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.rest.WebhookRoutes;
import dev.cogworks.sim.state.Permissions;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import java.time.Clock;

/**
 * Builds INTERACTION_CREATE the way Discord's client would: a slash command typed against its
 * registered definition, an autocomplete request while an option is being typed, or a click on a
 * message component. Call inside {@link SimState#write}.
 */
final class InteractionFactory {
  private final SimState state;
  private final Clock clock;
  private final CommandInput commands;

  InteractionFactory(SimState state, Clock clock) {
    this.state = state;
    this.clock = clock;
    this.commands = new CommandInput(state);
  }

  /**
   * A slash command typed by a user: run (APPLICATION_COMMAND) when {@code focused} is null, else
   * an APPLICATION_COMMAND_AUTOCOMPLETE request while option {@code focused} is being typed. {@code
   * commandLine} is the name, with subcommands after spaces: "role add".
   */
  SimInteraction command(
      long guildId,
      long channelId,
      long userId,
      String commandLine,
      JsonNode options,
      String focused) {
    SimGuild guild = state.guild(guildId);
    SimChannel channel = channel(guild, channelId);
    SimMember member = member(guild, userId);
    CommandInput.Typed typed = commands.type(guild, commandLine, options, focused);
    SimBot bot = state.botsByUserId.get(typed.command().applicationId());
    int type =
        focused == null
            ? SimInteraction.APPLICATION_COMMAND
            : SimInteraction.APPLICATION_COMMAND_AUTOCOMPLETE;
    return start(bot, guild, channel, member, type, typed.data(), null);
  }

  SimInteraction componentClick(long messageId, long userId, String customId, JsonNode values) {
    SimMessage message =
        state
            .findMessage(messageId)
            .filter(m -> !m.deleted())
            .orElseThrow(() -> new ControlException("unknown message " + messageId));
    SimBot bot = state.botsByUserId.get(message.author.id);
    if (bot == null) {
      throw new ControlException("message " + messageId + " was not sent by a bot");
    }
    JsonNode component = findComponent(message.components, customId);
    if (component == null) {
      throw new ControlException(
          "message " + messageId + " has no component with custom_id " + customId);
    }
    SimGuild guild = state.guild(message.guildId);
    ObjectNode data = Json.object();
    data.put("custom_id", customId);
    data.put("component_type", component.path("type").asInt());
    if (values != null && values.isArray()) {
      data.set("values", values);
    } else if (component.path("type").asInt() != 2) {
      data.putArray("values");
    }
    return start(
        bot,
        guild,
        channel(guild, message.channelId),
        member(guild, userId),
        SimInteraction.MESSAGE_COMPONENT,
        data,
        message);
  }

  private SimInteraction start(
      SimBot bot,
      SimGuild guild,
      SimChannel channel,
      SimMember member,
      int type,
      ObjectNode data,
      SimMessage source) {
    SimInteraction interaction =
        new SimInteraction(
            state.ids.next(),
            "aW50ZXJhY3Rpb24" + WebhookRoutes.newToken(),
            bot,
            guild.id,
            channel.id,
            member.user,
            type,
            clock.instant(),
            data,
            source == null ? null : source.id);
    ObjectNode payload = Json.object();
    payload.put("id", Long.toString(interaction.id));
    payload.put("application_id", Long.toString(bot.applicationId()));
    payload.put("type", type);
    payload.set("data", data);
    payload.put("guild_id", Long.toString(guild.id));
    payload
        .putObject("guild")
        .put("id", Long.toString(guild.id))
        .put("locale", "en-US")
        .putArray("features");
    ObjectNode channelJson = Payloads.channel(channel);
    channelJson.put("permissions", Long.toString(Permissions.inChannel(guild, member, channel)));
    payload.set("channel", channelJson);
    payload.put("channel_id", Long.toString(channel.id));
    ObjectNode memberJson = Payloads.member(member);
    memberJson.put("permissions", Long.toString(Permissions.inChannel(guild, member, channel)));
    payload.set("member", memberJson);
    payload.put("token", interaction.token);
    payload.put("version", 1);
    if (source != null) {
      payload.set("message", Payloads.message(source, guild));
    }
    SimMember botMember = guild.members.get(bot.user.id);
    payload.put(
        "app_permissions",
        Long.toString(botMember == null ? 0 : Permissions.inChannel(guild, botMember, channel)));
    payload.put("locale", "en-US");
    payload.put("guild_locale", "en-US");
    payload.putArray("entitlements");
    payload.putObject("authorizing_integration_owners").put("0", Long.toString(guild.id));
    payload.put("context", 0);
    payload.put("attachment_size_limit", 10_485_760);
    forgetExpired();
    state.interactions.put(interaction.id, interaction);
    state.interactionsByToken.put(interaction.token, interaction);
    state.publish(new SimEvent.InteractionCreated(interaction, payload));
    return interaction;
  }

  /** Interaction tokens live 15 minutes on Discord; drop older ones so the maps stay small. */
  private void forgetExpired() {
    java.time.Instant horizon = clock.instant().minus(java.time.Duration.ofMinutes(15));
    state.interactions.values().removeIf(i -> i.createdAt.isBefore(horizon));
    state.interactionsByToken.values().removeIf(i -> i.createdAt.isBefore(horizon));
  }

  private static JsonNode findComponent(JsonNode components, String customId) {
    if (components == null) {
      return null;
    }
    for (JsonNode component : components) {
      if (customId.equals(component.path("custom_id").asText(null))) {
        return component;
      }
      JsonNode nested = findComponent(component.path("components"), customId);
      if (nested == null && component.has("accessory")) {
        nested = findComponent(Json.array().add(component.get("accessory")), customId);
      }
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }

  private SimChannel channel(SimGuild guild, long channelId) {
    SimChannel channel = guild.channels.get(channelId);
    if (channel == null) {
      throw new ControlException("unknown channel " + channelId + " in " + guild.name);
    }
    return channel;
  }

  private SimMember member(SimGuild guild, long userId) {
    SimMember member = guild.members.get(userId);
    if (member == null) {
      throw new ControlException("user " + userId + " is not a member of " + guild.name);
    }
    return member;
  }
}
