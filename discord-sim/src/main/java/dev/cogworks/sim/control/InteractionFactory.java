package dev.cogworks.sim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.Permission;
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
   * What Discord reports as the app's permissions in a DM with its bot user: the documentation
   * names ATTACH_FILES, EMBED_LINKS, MENTION_EVERYONE and USE_EXTERNAL_EMOJIS; the rest are what a
   * DM lets anyone do (the exact value is not documented).
   */
  static final long APP_PERMISSIONS_IN_BOT_DM =
      Permission.VIEW_CHANNEL
          | Permission.SEND_MESSAGES
          | Permission.EMBED_LINKS
          | Permission.ATTACH_FILES
          | Permission.READ_MESSAGE_HISTORY
          | Permission.ADD_REACTIONS
          | Permission.MENTION_EVERYONE
          | Permission.USE_EXTERNAL_EMOJIS
          | Permission.USE_APPLICATION_COMMANDS;

  /**
   * A slash command typed by a user: run (APPLICATION_COMMAND) when {@code focused} is null, else
   * an APPLICATION_COMMAND_AUTOCOMPLETE request while option {@code focused} is being typed. {@code
   * commandLine} is the name, with subcommands after spaces: "role add". {@code guildId} is null in
   * a DM (and may be left out for a guild channel).
   */
  SimInteraction command(
      Long guildId,
      long channelId,
      long userId,
      String commandLine,
      JsonNode options,
      String focused) {
    InvocationPlace place = InvocationPlace.of(state, guildId, channelId, userId);
    CommandInput.Typed typed = commands.type(place, commandLine, options, focused);
    SimBot bot = state.botsByUserId.get(typed.command().applicationId());
    int type =
        focused == null
            ? SimInteraction.APPLICATION_COMMAND
            : SimInteraction.APPLICATION_COMMAND_AUTOCOMPLETE;
    return start(bot, place, type, typed.data(), null);
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
    ObjectNode data = Json.object();
    data.put("custom_id", customId);
    data.put("component_type", component.path("type").asInt());
    if (values != null && values.isArray()) {
      data.set("values", values);
    } else if (component.path("type").asInt() != 2) {
      data.putArray("values");
    }
    InvocationPlace place =
        InvocationPlace.of(
            state, message.guildId == 0 ? null : message.guildId, message.channelId, userId);
    return start(bot, place, SimInteraction.MESSAGE_COMPONENT, data, message);
  }

  private SimInteraction start(
      SimBot bot, InvocationPlace place, int type, ObjectNode data, SimMessage source) {
    SimGuild guild = place.guild();
    SimChannel channel = place.channel();
    SimInteraction interaction =
        new SimInteraction(
            state.ids.next(),
            "aW50ZXJhY3Rpb24" + WebhookRoutes.newToken(),
            bot,
            guild == null ? 0 : guild.id,
            channel.id,
            place.user(),
            type,
            clock.instant(),
            data,
            source == null ? null : source.id);
    ObjectNode payload = Json.object();
    payload.put("id", Long.toString(interaction.id));
    payload.put("application_id", Long.toString(bot.applicationId()));
    payload.put("type", type);
    payload.set("data", data);
    if (guild == null) {
      inDirectMessage(payload, place, bot);
    } else {
      inGuild(payload, place, bot);
    }
    payload.put("token", interaction.token);
    payload.put("version", 1);
    if (source != null) {
      payload.set("message", Payloads.message(source, guild));
    }
    payload.put("locale", "en-US");
    payload.putArray("entitlements");
    payload.put("context", place.context());
    payload.put("attachment_size_limit", 10_485_760);
    forgetExpired();
    state.interactions.put(interaction.id, interaction);
    state.interactionsByToken.put(interaction.token, interaction);
    state.publish(new SimEvent.InteractionCreated(interaction, payload));
    return interaction;
  }

  /** In a guild: the guild, the channel with the member's permissions, and {@code member}. */
  private static void inGuild(ObjectNode payload, InvocationPlace place, SimBot bot) {
    SimGuild guild = place.guild();
    SimChannel channel = place.channel();
    SimMember member = place.member();
    payload.put("guild_id", Long.toString(guild.id));
    payload
        .putObject("guild")
        .put("id", Long.toString(guild.id))
        .put("locale", "en-US")
        .putArray("features");
    long permissions = Permissions.inChannel(guild, member, channel);
    ObjectNode channelJson = Payloads.channel(channel);
    channelJson.put("permissions", Long.toString(permissions));
    payload.set("channel", channelJson);
    payload.put("channel_id", Long.toString(channel.id));
    ObjectNode memberJson = Payloads.member(member);
    memberJson.put("permissions", Long.toString(permissions));
    payload.set("member", memberJson);
    SimMember botMember = guild.members.get(bot.user.id);
    payload.put(
        "app_permissions",
        Long.toString(botMember == null ? 0 : Permissions.inChannel(guild, botMember, channel)));
    payload.put("guild_locale", "en-US");
    payload.putObject("authorizing_integration_owners").put("0", Long.toString(guild.id));
  }

  /**
   * In the DM with the bot, as Discord sends it: {@code user} instead of {@code member}, no guild,
   * the DM channel as the person sees it (its recipient is the bot), and the guild installation
   * authorized with "0" ("Authorizing Integration Owners Object").
   */
  private static void inDirectMessage(ObjectNode payload, InvocationPlace place, SimBot bot) {
    payload.set("channel", Payloads.directMessageChannel(place.channel(), bot.user));
    payload.put("channel_id", Long.toString(place.channel().id));
    payload.set("user", Payloads.user(place.user()));
    payload.put("app_permissions", Long.toString(APP_PERMISSIONS_IN_BOT_DM));
    payload.putObject("authorizing_integration_owners").put("0", "0");
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
}
