package dev.cogworks.core.internal.messaging.json;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cogworks.api.messaging.ActionRow;
import dev.cogworks.api.messaging.Component;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.InteractionToken;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.api.messaging.WebhookToken;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON codec of requests: the relay's wire {@code params}, dead letters and the requests
 * kept across a restart all use it. Field names are the records' in snake case (the seed's names:
 * {@code channel_id}, {@code after_message_id}), ids are strings, empty and null parts are left
 * out, and a send's options sit beside its content, as in the seed. The action names a record by
 * its class ({@link DiscordRequest#action()}), so a new kind of request is read and written without
 * a table to update; the golden files of {@code WireFormatTest} pin the result.
 */
public final class RequestJson {
  /** The mapper every piece of the wire uses, so the whole format has one set of rules. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(DiscordShapes.module())
          .addModule(Snowflakes.module())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .addMixIn(DiscordRequest.SendMessage.class, SendMessageShape.class)
          .addMixIn(SendOptions.class, SendOptionsShape.class)
          .addMixIn(DiscordRequest.EditMessage.class, EditShape.class)
          .addMixIn(InteractionToken.class, TokenShape.class)
          .addMixIn(WebhookToken.class, TokenShape.class)
          .addMixIn(Component.class, ComponentShape.class)
          .build();

  /** Requests stored before this codec (camelCase record fields), still read back. */
  private static final ObjectMapper EARLIER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private static final Map<String, Class<?>> TYPES = types();

  private RequestJson() {}

  /** Every action name, sorted. */
  public static List<String> actions() {
    return List.copyOf(TYPES.keySet());
  }

  /** The request's {@code params}. */
  public static ObjectNode params(DiscordRequest<?> request) {
    return MAPPER.valueToTree(request);
  }

  /**
   * Reads {@code params} as the request {@code action} names; fails with {@link
   * IllegalArgumentException} saying what is wrong (unknown action, missing id, bad value).
   */
  public static DiscordRequest<?> fromParams(String action, JsonNode params) {
    Class<?> type = TYPES.get(action);
    if (type == null) {
      throw new IllegalArgumentException(
          "unknown action '" + action + "'; known: " + String.join(", ", TYPES.keySet()));
    }
    if (params == null || !params.isObject()) {
      throw new IllegalArgumentException("missing params");
    }
    requireIds(type, params);
    try {
      return (DiscordRequest<?>) MAPPER.treeToValue(params, type);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException(action + ": " + message(e), e);
    }
  }

  /** A whole request for storage: {@code {"action": ..., "params": {...}}}. */
  public static String encode(DiscordRequest<?> request) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("action", request.action());
    json.set("params", params(request));
    return json.toString();
  }

  /** Reads what {@link #encode} wrote (or what the codec before it stored). */
  public static DiscordRequest<?> decode(String text) {
    JsonNode json;
    try {
      json = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a request: " + e.getOriginalMessage(), e);
    }
    String action = json.path("action").asText();
    JsonNode params = json.path("params");
    if (params.has("channelId") || params.has("guildId")) {
      try {
        return (DiscordRequest<?>) EARLIER.treeToValue(params, TYPES.get(action));
      } catch (JsonProcessingException | RuntimeException e) {
        throw new IllegalArgumentException(action + ": " + message(e), e);
      }
    }
    return fromParams(action, params);
  }

  /**
   * A stored request as it may be shown: interaction and webhook tokens replaced, since they are
   * secrets.
   */
  public static String redacted(String text) {
    try {
      JsonNode json = MAPPER.readTree(text);
      JsonNode params = json.path("params");
      if (params instanceof ObjectNode object && object.has("token")) {
        object.put("token", "[redacted]");
      }
      return json.toString();
    } catch (JsonProcessingException e) {
      return "[unreadable]";
    }
  }

  /** An id is never optional: a missing one would silently become 0. */
  private static void requireIds(Class<?> type, JsonNode params) {
    for (RecordComponent component : type.getRecordComponents()) {
      String name =
          PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component.getName());
      if (component.getType() == long.class && !params.hasNonNull(name)) {
        throw new IllegalArgumentException("missing " + name);
      }
    }
  }

  private static Map<String, Class<?>> types() {
    Map<String, Class<?>> types = new TreeMap<>();
    for (Class<?> type : DiscordRequest.class.getPermittedSubclasses()) {
      types.put(DiscordRequest.ACTIONS.get(type), type);
    }
    return types;
  }

  private static String message(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return e instanceof JsonProcessingException j && cause == e
        ? j.getOriginalMessage()
        : cause.getMessage();
  }

  // ---- mix-ins: how the API records look on the wire, without Jackson in bot-api ----

  private abstract static class SendMessageShape {
    @JsonUnwrapped
    abstract SendOptions options();
  }

  private abstract static class SendOptionsShape {
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonAlias("embed")
    abstract List<Embed> embeds();

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    abstract List<ActionRow> components();
  }

  private abstract static class EditShape {
    @JsonAlias("embed")
    abstract List<Embed> embeds();
  }

  private abstract static class TokenShape {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    TokenShape(String value) {}

    @JsonValue
    abstract String value();
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Component.Button.class, name = "button"),
    @JsonSubTypes.Type(value = Component.SelectMenu.class, name = "select_menu")
  })
  private abstract static class ComponentShape {}
}
