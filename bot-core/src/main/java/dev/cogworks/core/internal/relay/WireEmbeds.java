package dev.cogworks.core.internal.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.api.messaging.Embed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Embeds in Discord's own embed JSON ({@code footer.text}, {@code author.name} ...). */
final class WireEmbeds {
  private WireEmbeds() {}

  static ArrayNode encode(List<Embed> embeds) {
    ArrayNode array = Wire.JSON.createArrayNode();
    for (Embed e : embeds) {
      ObjectNode o = array.addObject();
      putIf(o, "title", e.title());
      putIf(o, "description", e.description());
      putIf(o, "url", e.url());
      if (e.color() != null) {
        o.put("color", e.color());
      }
      if (e.timestamp() != null) {
        o.put("timestamp", e.timestamp().toString());
      }
      if (e.footer() != null) {
        o.putObject("footer").put("text", e.footer());
      }
      if (e.authorName() != null) {
        o.putObject("author").put("name", e.authorName());
      }
      if (e.imageUrl() != null) {
        o.putObject("image").put("url", e.imageUrl());
      }
      if (e.thumbnailUrl() != null) {
        o.putObject("thumbnail").put("url", e.thumbnailUrl());
      }
      if (!e.fields().isEmpty()) {
        ArrayNode fields = o.putArray("fields");
        e.fields()
            .forEach(
                f ->
                    fields
                        .addObject()
                        .put("name", f.name())
                        .put("value", f.value())
                        .put("inline", f.inline()));
      }
    }
    return array;
  }

  static List<Embed> decode(JsonNode array) {
    List<Embed> embeds = new ArrayList<>();
    for (JsonNode o : array) {
      List<Embed.Field> fields = new ArrayList<>();
      o.path("fields")
          .forEach(
              f ->
                  fields.add(
                      new Embed.Field(
                          f.path("name").asText(),
                          f.path("value").asText(),
                          f.path("inline").asBoolean(false))));
      embeds.add(
          new Embed(
              Wire.optionalText(o, "title"),
              Wire.optionalText(o, "description"),
              Wire.optionalText(o, "url"),
              o.hasNonNull("color") ? o.get("color").asInt() : null,
              fields,
              Wire.optionalText(o.path("footer"), "text"),
              Wire.optionalText(o.path("author"), "name"),
              Wire.optionalText(o.path("image"), "url"),
              Wire.optionalText(o.path("thumbnail"), "url"),
              o.hasNonNull("timestamp") ? Instant.parse(o.get("timestamp").asText()) : null));
    }
    return embeds;
  }

  private static void putIf(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
