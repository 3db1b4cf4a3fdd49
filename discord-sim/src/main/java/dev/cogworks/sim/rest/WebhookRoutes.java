package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.errors.FormErrors;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.model.SimWebhook;
import dev.cogworks.sim.rest.RestPipeline.Auth;
import dev.cogworks.sim.state.MessageWriter;
import dev.cogworks.sim.state.SimState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Webhooks: channel webhooks (create, list, execute) and interaction follow-ups, which Discord
 * serves on the same {@code /webhooks/{application_id}/{interaction_token}} routes, including
 * {@code @original} for the interaction's first response.
 */
public final class WebhookRoutes {
  private static final Duration FOLLOW_UP_WINDOW = Duration.ofMinutes(15);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SimState state;
  private final MessageWriter writer;
  private final Clock clock;

  public WebhookRoutes(SimState state, MessageWriter writer, Clock clock) {
    this.state = state;
    this.writer = writer;
    this.clock = clock;
  }

  public void register(RestPipeline api) {
    api.post("/channels/{channel_id}/webhooks", Auth.BOT, this::createWebhook);
    api.get("/channels/{channel_id}/webhooks", Auth.BOT, this::listWebhooks);
    String hook = "/webhooks/{webhook_id}/{webhook_token}";
    api.post(hook, Auth.PATH_TOKEN, this::execute);
    api.get(hook + "/messages/{message_id}", Auth.PATH_TOKEN, this::getMessage);
    api.patch(hook + "/messages/{message_id}", Auth.PATH_TOKEN, this::editMessage);
    api.delete(hook + "/messages/{message_id}", Auth.PATH_TOKEN, this::deleteMessage);
  }

  public static String newToken() {
    byte[] bytes = new byte[48];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private JsonNode createWebhook(RestCall call) {
    String name = call.body().path("name").asText("");
    if (name.isEmpty() || name.length() > 80) {
      throw DiscordError.invalidForm(
          new FormErrors()
              .add("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 80 in length."));
    }
    return state.write(
        () -> {
          SimChannel channel = state.channel(call.pathId("channel_id"));
          Access.requireInChannel(state, call.bot(), channel, Permission.MANAGE_WEBHOOKS);
          SimWebhook webhook =
              new SimWebhook(
                  state.ids.next(),
                  newToken(),
                  channel.guildId,
                  channel.id,
                  name,
                  call.bot().user.id);
          state.webhooks.put(webhook.id(), webhook);
          return render(webhook);
        });
  }

  private JsonNode listWebhooks(RestCall call) {
    return state.write(
        () -> {
          SimChannel channel = state.channel(call.pathId("channel_id"));
          Access.requireInChannel(state, call.bot(), channel, Permission.MANAGE_WEBHOOKS);
          ArrayNode result = Json.array();
          state.webhooks.values().stream()
              .filter(w -> w.channelId() == channel.id)
              .forEach(w -> result.add(render(w)));
          return result;
        });
  }

  private JsonNode execute(RestCall call) {
    JsonNode body = call.body();
    boolean wait = "true".equalsIgnoreCase(call.query("wait"));
    return state.write(
        () -> {
          SimInteraction interaction = followUpTarget(call);
          MessageValidator.validate(body, true);
          if (interaction != null) {
            // Discord: for follow-ups, wait is always true.
            return renderMessage(followUp(interaction, body));
          }
          SimWebhook webhook = webhook(call);
          SimUser author =
              new SimUser(webhook.id(), body.path("username").asText(webhook.name()), true);
          SimMessage message =
              writer.create(
                  state.channel(webhook.channelId()),
                  MessageValidator.settableFlags(body, MessageValidator.CHANNEL_FLAGS),
                  new MessageWriter.Origin(author, webhook.id(), null, null, null),
                  null);
          return wait ? renderMessage(message) : null;
        });
  }

  /**
   * A follow-up message. Directly after a deferred reply, Discord instead fills in the loading
   * message, as Edit Original Interaction Response would, keeping the ephemeral state chosen when
   * deferring ("for backwards compatibility"). Once the loading message was edited or deleted,
   * every follow-up is a new message, ephemeral if its flags say so.
   */
  private SimMessage followUp(SimInteraction interaction, JsonNode body) {
    if (!interaction.acknowledged()
        || interaction.type == SimInteraction.APPLICATION_COMMAND_AUTOCOMPLETE) {
      throw DiscordError.unknownWebhook();
    }
    Long originalId = interaction.originalMessageId;
    SimMessage original =
        originalId == null ? null : state.messagesOf(interaction.channelId).get(originalId);
    if (interaction.responseType == InteractionRoutes.DEFERRED_REPLY
        && original != null
        && !original.deleted()
        && original.loading()) {
      return fillIn(original, body);
    }
    SimMessage message =
        writer.create(
            state.channel(interaction.channelId),
            MessageValidator.settableFlags(body, MessageValidator.INTERACTION_FLAGS),
            InteractionRoutes.origin(interaction),
            null);
    interaction.messageIds.add(message.id);
    return message;
  }

  private JsonNode getMessage(RestCall call) {
    return state.write(() -> renderMessage(target(call)));
  }

  private JsonNode editMessage(RestCall call) {
    JsonNode body = call.body();
    return state.write(
        () -> {
          SimMessage message = target(call);
          MessageValidator.validate(body, false);
          return renderMessage(fillIn(message, body));
        });
  }

  /**
   * Edits a webhook message; editing a deferred ("thinking…") response turns it into the real one.
   */
  private SimMessage fillIn(SimMessage message, JsonNode body) {
    ObjectNode edit = body.deepCopy();
    edit.put("flags", message.flags & ~SimMessage.LOADING);
    return message.loading() ? writer.fillIn(message, edit) : writer.edit(message, edit);
  }

  private JsonNode deleteMessage(RestCall call) {
    state.write(() -> writer.delete(target(call)));
    return null;
  }

  /**
   * The message a follow-up or webhook route addresses: for an interaction token, {@code @original}
   * or a message that token created (any other id is unknown to it); for a channel webhook, one of
   * its own messages.
   */
  private SimMessage target(RestCall call) {
    SimInteraction interaction = followUpTarget(call);
    String raw = call.path("message_id");
    if (interaction != null) {
      Long id = "@original".equals(raw) ? interaction.originalMessageId : parse(raw);
      if (id == null || !interaction.messageIds.contains(id)) {
        throw DiscordError.unknownMessage();
      }
      return state.message(interaction.channelId, id);
    }
    SimWebhook webhook = webhook(call);
    Long id = parse(raw);
    SimMessage message = id == null ? null : state.messagesOf(webhook.channelId()).get(id);
    if (message == null
        || message.deleted()
        || !Long.valueOf(webhook.id()).equals(message.webhookId)) {
      throw DiscordError.unknownMessage();
    }
    return message;
  }

  private SimInteraction followUpTarget(RestCall call) {
    SimInteraction interaction = state.interactionsByToken.get(call.path("webhook_token"));
    if (interaction == null || interaction.bot.applicationId() != call.pathId("webhook_id")) {
      return null;
    }
    if (interaction.createdAt.plus(FOLLOW_UP_WINDOW).isBefore(clock.instant())) {
      throw new DiscordError(401, 50027, "Invalid Webhook Token");
    }
    return interaction;
  }

  private SimWebhook webhook(RestCall call) {
    SimWebhook webhook = state.webhooks.get(call.pathId("webhook_id"));
    if (webhook == null) {
      throw DiscordError.unknownWebhook();
    }
    if (!webhook.token().equals(call.path("webhook_token"))) {
      throw new DiscordError(401, 50027, "Invalid Webhook Token");
    }
    return webhook;
  }

  private static Long parse(String raw) {
    try {
      return Long.parseUnsignedLong(raw);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private JsonNode renderMessage(SimMessage message) {
    return Payloads.message(message, state.guilds.get(message.guildId));
  }

  private JsonNode render(SimWebhook webhook) {
    ObjectNode json = Json.object();
    json.put("id", Long.toString(webhook.id()));
    json.put("type", 1);
    json.put("guild_id", Long.toString(webhook.guildId()));
    json.put("channel_id", Long.toString(webhook.channelId()));
    json.set("user", Payloads.user(state.user(webhook.creatorId())));
    json.put("name", webhook.name());
    json.putNull("avatar");
    json.put("token", webhook.token());
    json.putNull("application_id");
    return json;
  }
}
