package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.errors.FormErrors;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.rest.RestPipeline.Auth;
import dev.cogworks.sim.state.MessageWriter;
import dev.cogworks.sim.state.SimState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Interaction callbacks: one acknowledgement within the window (3 s by default, else 10062), never
 * two (40060), of a type valid for the interaction (else 50035 on {@code type}). Replies become
 * messages in the channel, with the interaction's metadata.
 */
public final class InteractionRoutes {
  public static final int REPLY = 4;
  public static final int DEFERRED_REPLY = 5;
  public static final int DEFERRED_UPDATE = 6;
  public static final int UPDATE_MESSAGE = 7;
  public static final int AUTOCOMPLETE_RESULT = 8;
  public static final int MODAL = 9;

  /**
   * Callback types valid per interaction type. Discord also accepts 10 (PREMIUM_REQUIRED, apps with
   * monetization) and 12 (LAUNCH_ACTIVITY, apps with Activities), which simulated apps never have.
   */
  private static final Map<Integer, Set<Integer>> VALID_CALLBACKS =
      Map.of(
          SimInteraction.APPLICATION_COMMAND, Set.of(REPLY, DEFERRED_REPLY, MODAL),
          SimInteraction.MESSAGE_COMPONENT,
              Set.of(REPLY, DEFERRED_REPLY, DEFERRED_UPDATE, UPDATE_MESSAGE, MODAL),
          SimInteraction.APPLICATION_COMMAND_AUTOCOMPLETE, Set.of(AUTOCOMPLETE_RESULT));

  private final SimState state;
  private final MessageWriter writer;
  private final Clock clock;
  private final Duration ackWindow;

  public InteractionRoutes(
      SimState state, MessageWriter writer, Clock clock, Duration acknowledgementWindow) {
    this.state = state;
    this.writer = writer;
    this.clock = clock;
    this.ackWindow = acknowledgementWindow;
  }

  public void register(RestPipeline api) {
    api.post(
        "/interactions/{interaction_id}/{interaction_token}/callback",
        Auth.PATH_TOKEN,
        this::callback);
  }

  /** An accepted callback: the interaction it answered and what the route answers. */
  private record Accepted(SimInteraction interaction, JsonNode answer) {}

  private JsonNode callback(RestCall call) {
    JsonNode body = call.body();
    int type = body.path("type").asInt(-1);
    JsonNode data = body.path("data");
    boolean withResponse = "true".equalsIgnoreCase(call.query("with_response"));
    Accepted accepted =
        state.write(
            () -> {
              SimInteraction interaction = state.interactions.get(call.pathId("interaction_id"));
              if (interaction == null
                  || !interaction.token.equals(call.path("interaction_token"))) {
                throw DiscordError.unknownInteraction();
              }
              if (interaction.acknowledged()) {
                throw DiscordError.alreadyAcknowledged();
              }
              if (interaction.createdAt.plus(ackWindow).isBefore(clock.instant())) {
                throw DiscordError.unknownInteraction();
              }
              requireValidType(interaction, type);
              SimMessage message = respond(interaction, type, data);
              interaction.responseType = type;
              return new Accepted(
                  interaction, withResponse ? callbackResponse(interaction, type, message) : null);
            });
    // Outside the lock, so whoever waits for the answer never runs under it.
    accepted.interaction().response.complete(body);
    return accepted.answer();
  }

  private static void requireValidType(SimInteraction interaction, int type) {
    Set<Integer> valid = VALID_CALLBACKS.getOrDefault(interaction.type, Set.of());
    if (!valid.contains(type)) {
      String choices =
          new TreeSet<>(valid).stream().map(String::valueOf).collect(Collectors.joining(", "));
      throw DiscordError.invalidForm(
          new FormErrors()
              .add("type", "BASE_TYPE_CHOICES", "Value must be one of {" + choices + "}."));
    }
  }

  private SimMessage respond(SimInteraction interaction, int type, JsonNode data) {
    SimChannel channel = state.channel(interaction.channelId);
    switch (type) {
      case REPLY -> {
        MessageValidator.validate(data, true);
        JsonNode body = MessageValidator.settableFlags(data, MessageValidator.INTERACTION_FLAGS);
        SimMessage message = writer.create(channel, body, origin(interaction), null);
        interaction.setOriginal(message);
        return message;
      }
      case DEFERRED_REPLY -> {
        // Discord: EPHEMERAL is the only flag a deferred reply may carry.
        ObjectNode loading = Json.object().put("content", "");
        int ephemeral = data.path("flags").asInt(0) & SimMessage.EPHEMERAL;
        loading.put("flags", SimMessage.LOADING | ephemeral);
        SimMessage message = writer.create(channel, loading, origin(interaction), null);
        interaction.setOriginal(message);
        return message;
      }
      case UPDATE_MESSAGE -> {
        SimMessage source = sourceMessage(interaction);
        MessageValidator.validate(data, false);
        interaction.setOriginal(source);
        return writer.edit(source, data);
      }
      case DEFERRED_UPDATE -> {
        SimMessage source = sourceMessage(interaction);
        interaction.setOriginal(source);
        return source;
      }
      case AUTOCOMPLETE_RESULT -> {
        AutocompleteChoices.validate(interaction.data, data);
        return null;
      }
      case MODAL -> {
        validateModal(data);
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * A modal's body as Discord checks it: {@code custom_id} 1–100 characters, {@code title} 1–45,
   * and 1–5 components. No modal-submit interaction follows in the simulator.
   */
  private static void validateModal(JsonNode data) {
    FormErrors errors = new FormErrors();
    checkLength(data.path("custom_id"), 100, "data.custom_id", errors);
    checkLength(data.path("title"), 45, "data.title", errors);
    int components = data.path("components").size();
    if (components < 1 || components > 5) {
      errors.add("data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
    }
    errors.throwIfAny();
  }

  private static void checkLength(JsonNode value, int max, String path, FormErrors errors) {
    if (!value.isTextual()) {
      errors.add(path, "BASE_TYPE_REQUIRED", "This field is required");
    } else if (value.asText().isEmpty() || value.asText().length() > max) {
      errors.add(path, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + max + " in length.");
    }
  }

  /** For a component interaction, {@code @original} is the message the component is on. */
  private SimMessage sourceMessage(SimInteraction interaction) {
    return state.message(interaction.channelId, interaction.sourceMessageId);
  }

  static MessageWriter.Origin origin(SimInteraction interaction) {
    ObjectNode metadata = Json.object();
    metadata.put("id", Long.toString(interaction.id));
    metadata.put("type", interaction.type);
    metadata.set("user", Payloads.user(interaction.user));
    metadata
        .putObject("authorizing_integration_owners")
        .put("0", Long.toString(interaction.guildId));
    if (interaction.sourceMessageId != null) {
      metadata.put("interacted_message_id", Long.toString(interaction.sourceMessageId));
    }
    return new MessageWriter.Origin(
        interaction.bot.user, null, interaction.bot.applicationId(), metadata, null);
  }

  private ObjectNode callbackResponse(SimInteraction interaction, int type, SimMessage message) {
    ObjectNode json = Json.object();
    ObjectNode callback = json.putObject("interaction");
    callback.put("id", Long.toString(interaction.id));
    callback.put("type", interaction.type);
    callback.putNull("activity_instance_id");
    if (message != null) {
      callback.put("response_message_id", Long.toString(message.id));
      callback.put("response_message_loading", message.loading());
      callback.put("response_message_ephemeral", message.ephemeral());
      ObjectNode resource = json.putObject("resource");
      resource.put("type", type);
      resource.set("message", Payloads.message(message, state.guilds.get(message.guildId)));
    }
    return json;
  }
}
