package dev.cogworks.core.internal.messaging.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.cogworks.api.messaging.AllowedMentions;
import dev.cogworks.api.messaging.Embed;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The few values whose JSON is Discord's (or the seed's) rather than the record's own shape: an
 * embed ({@code footer.text}, {@code author.name}, {@code image.url}), allowed mentions ({@code
 * parse} plus {@code users}) and durations in seconds.
 */
final class DiscordShapes {
  private DiscordShapes() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("discord-shapes");
    module.addSerializer(Embed.class, new EmbedSerializer());
    module.addDeserializer(Embed.class, new EmbedDeserializer());
    module.addSerializer(AllowedMentions.class, new MentionsSerializer());
    module.addDeserializer(AllowedMentions.class, new MentionsDeserializer());
    module.addSerializer(Duration.class, new SecondsSerializer());
    module.addDeserializer(Duration.class, new SecondsDeserializer());
    return module;
  }

  private static final class EmbedSerializer extends JsonSerializer<Embed> {
    @Override
    public void serialize(Embed e, JsonGenerator out, SerializerProvider serializers)
        throws IOException {
      out.writeStartObject();
      writeIf(out, "title", e.title());
      writeIf(out, "description", e.description());
      writeIf(out, "url", e.url());
      if (e.color() != null) {
        out.writeNumberField("color", e.color());
      }
      if (e.timestamp() != null) {
        out.writeStringField("timestamp", e.timestamp().toString());
      }
      nested(out, "footer", "text", e.footer());
      nested(out, "author", "name", e.authorName());
      nested(out, "image", "url", e.imageUrl());
      nested(out, "thumbnail", "url", e.thumbnailUrl());
      if (!e.fields().isEmpty()) {
        out.writeArrayFieldStart("fields");
        for (Embed.Field f : e.fields()) {
          out.writeStartObject();
          out.writeStringField("name", f.name());
          out.writeStringField("value", f.value());
          out.writeBooleanField("inline", f.inline());
          out.writeEndObject();
        }
        out.writeEndArray();
      }
      out.writeEndObject();
    }

    private static void writeIf(JsonGenerator out, String field, String value) throws IOException {
      if (value != null) {
        out.writeStringField(field, value);
      }
    }

    private static void nested(JsonGenerator out, String field, String inner, String value)
        throws IOException {
      if (value != null) {
        out.writeObjectFieldStart(field);
        out.writeStringField(inner, value);
        out.writeEndObject();
      }
    }
  }

  private static final class EmbedDeserializer extends JsonDeserializer<Embed> {
    @Override
    public Embed deserialize(JsonParser in, DeserializationContext context) throws IOException {
      JsonNode o = in.readValueAsTree();
      List<Embed.Field> fields = new ArrayList<>();
      for (JsonNode f : o.path("fields")) {
        fields.add(
            new Embed.Field(
                f.path("name").asText(), f.path("value").asText(), f.path("inline").asBoolean()));
      }
      return new Embed(
          text(o, "title"),
          text(o, "description"),
          text(o, "url"),
          o.hasNonNull("color") ? o.get("color").asInt() : null,
          fields,
          text(o.path("footer"), "text"),
          text(o.path("author"), "name"),
          text(o.path("image"), "url"),
          text(o.path("thumbnail"), "url"),
          o.hasNonNull("timestamp") ? Instant.parse(o.get("timestamp").asText()) : null);
    }
  }

  private static final class MentionsSerializer extends JsonSerializer<AllowedMentions> {
    @Override
    public void serialize(AllowedMentions m, JsonGenerator out, SerializerProvider serializers)
        throws IOException {
      out.writeStartObject();
      out.writeArrayFieldStart("parse");
      if (m.everyone()) {
        out.writeString("everyone");
      }
      if (m.roles()) {
        out.writeString("roles");
      }
      if (m.allUsers()) {
        out.writeString("users");
      }
      out.writeEndArray();
      out.writeArrayFieldStart("users");
      for (long user : m.users().stream().sorted().toList()) {
        out.writeString(Long.toString(user));
      }
      out.writeEndArray();
      out.writeEndObject();
    }
  }

  private static final class MentionsDeserializer extends JsonDeserializer<AllowedMentions> {
    @Override
    public AllowedMentions deserialize(JsonParser in, DeserializationContext context)
        throws IOException {
      JsonNode m = in.readValueAsTree();
      Set<String> parse = new LinkedHashSet<>();
      m.path("parse").forEach(v -> parse.add(v.asText()));
      Set<Long> users = new LinkedHashSet<>();
      for (JsonNode user : m.path("users")) {
        users.add(Long.parseLong(user.asText()));
      }
      return new AllowedMentions(
          parse.contains("everyone"), parse.contains("roles"), parse.contains("users"), users);
    }
  }

  /** Seconds with millisecond precision, written plainly: 300, or 1.5. */
  private static final class SecondsSerializer extends JsonSerializer<Duration> {
    @Override
    public void serialize(Duration d, JsonGenerator out, SerializerProvider serializers)
        throws IOException {
      out.writeNumber(BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros());
    }
  }

  private static final class SecondsDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser in, DeserializationContext context) throws IOException {
      return Duration.ofMillis(Math.round(in.getValueAsDouble() * 1000));
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
