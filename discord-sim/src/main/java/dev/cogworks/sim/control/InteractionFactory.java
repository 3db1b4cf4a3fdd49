package dev.cogworks.sim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimCommand;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.model.SimMember;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.rest.WebhookRoutes;
import dev.cogworks.sim.state.Permissions;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Builds INTERACTION_CREATE the way Discord's client would: a slash command typed against its
 * registered definition (options converted to their types, users, roles and channels resolved), or
 * a click on a message component. Call inside {@link SimState#write}.
 */
final class InteractionFactory {
  static final int APPLICATION_COMMAND = 2;
  static final int MESSAGE_COMPONENT = 3;

  private static final int SUB_COMMAND = 1;
  private static final int SUB_COMMAND_GROUP = 2;

  private final SimState state;
  private final Clock clock;

  InteractionFactory(SimState state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  /** {@code commandLine} is the name, with subcommands after spaces: "role add". */
  SimInteraction slashCommand(
      long guildId, long channelId, long userId, String commandLine, JsonNode options) {
    SimGuild guild = state.guild(guildId);
    SimChannel channel = channel(guild, channelId);
    SimMember member = member(guild, userId);
    String[] path = commandLine.trim().replaceFirst("^/", "").split("\\s+");
    SimCommand command = findCommand(guild, path[0]);
    SimBot bot = state.botsByUserId.get(command.applicationId());

    ObjectNode data = Json.object();
    data.put("id", Long.toString(command.id()));
    data.put("name", command.name());
    data.put("type", 1);
    data.put("guild_id", Long.toString(guild.id));
    ObjectNode resolved = Json.object();
    JsonNode definitions = command.json().path("options");
    ArrayNode target = data.putArray("options");
    for (int i = 1; i < path.length; i++) {
      JsonNode sub = findOption(definitions, path[i], "/" + String.join(" ", path));
      int type = sub.path("type").asInt();
      if (type != SUB_COMMAND && type != SUB_COMMAND_GROUP) {
        throw new ControlException(path[i] + " is not a subcommand of /" + path[0]);
      }
      ObjectNode node = target.addObject().put("name", path[i]).put("type", type);
      target = node.putArray("options");
      definitions = sub.path("options");
    }
    for (JsonNode def : definitions) {
      int type = def.path("type").asInt();
      if (type == SUB_COMMAND || type == SUB_COMMAND_GROUP) {
        throw new ControlException(
            "/"
                + String.join(" ", path)
                + " needs a subcommand, for example /"
                + String.join(" ", path)
                + " "
                + def.path("name").asText());
      }
    }
    addOptions(guild, definitions, options, target, resolved);
    if (!resolved.isEmpty()) {
      data.set("resolved", resolved);
    }
    return start(bot, guild, channel, member, APPLICATION_COMMAND, data, null);
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
        MESSAGE_COMPONENT,
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

  private SimCommand findCommand(SimGuild guild, String name) {
    return state.commands.values().stream()
        .filter(c -> c.name().equals(name) && c.json().path("type").asInt(1) == 1)
        .filter(c -> c.guildId() == null || c.guildId() == guild.id)
        .filter(c -> guild.members.containsKey(c.applicationId()))
        .filter(c -> Objects.nonNull(state.botsByUserId.get(c.applicationId())))
        // A guild command shadows a global one of the same name, as in Discord's client.
        .sorted((a, b) -> Boolean.compare(a.guildId() == null, b.guildId() == null))
        .findFirst()
        .orElseThrow(
            () -> new ControlException("no bot in " + guild.name + " has registered /" + name));
  }

  private void addOptions(
      SimGuild guild, JsonNode definitions, JsonNode given, ArrayNode target, ObjectNode resolved) {
    Map<String, JsonNode> values = new java.util.LinkedHashMap<>();
    if (given != null && given.isObject()) {
      given.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
    } else if (given != null && given.isArray()) {
      given.forEach(o -> values.put(o.path("name").asText(), o.path("value")));
    }
    for (Iterator<String> names = values.keySet().iterator(); names.hasNext(); ) {
      String name = names.next();
      JsonNode def = findOption(definitions, name, "this command");
      target
          .addObject()
          .put("name", name)
          .put("type", def.path("type").asInt())
          .set("value", OptionValues.convert(state, guild, def, values.get(name), resolved));
    }
    for (JsonNode def : definitions) {
      if (def.path("required").asBoolean(false) && !values.containsKey(def.path("name").asText())) {
        throw new ControlException("missing required option " + def.path("name").asText());
      }
    }
  }

  private static JsonNode findOption(JsonNode definitions, String name, String where) {
    for (JsonNode def : definitions) {
      if (def.path("name").asText().equals(name)) {
        return def;
      }
    }
    throw new ControlException("unknown option " + name + " for " + where);
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
