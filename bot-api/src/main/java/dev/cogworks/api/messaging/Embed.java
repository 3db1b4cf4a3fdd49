package dev.cogworks.api.messaging;

import java.time.Instant;
import java.util.List;

/**
 * A rich embed, with Discord's fields. Plain data, so a request carrying it can be queued,
 * persisted and sent to a gateway worker as JSON.
 */
public record Embed(
    String title,
    String description,
    String url,
    Integer color,
    List<Field> fields,
    String footer,
    String authorName,
    String imageUrl,
    String thumbnailUrl,
    Instant timestamp) {

  public Embed {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /** One name/value field; inline fields sit side by side. */
  public record Field(String name, String value, boolean inline) {}

  public static Embed of(String title, String description) {
    return new Embed(title, description, null, null, List.of(), null, null, null, null, null);
  }

  public Embed withColor(int rgb) {
    return new Embed(
        title,
        description,
        url,
        rgb,
        fields,
        footer,
        authorName,
        imageUrl,
        thumbnailUrl,
        timestamp);
  }

  public Embed withField(String name, String value, boolean inline) {
    List<Field> more = new java.util.ArrayList<>(fields);
    more.add(new Field(name, value, inline));
    return new Embed(
        title,
        description,
        url,
        color,
        more,
        footer,
        authorName,
        imageUrl,
        thumbnailUrl,
        timestamp);
  }

  public Embed withFooter(String text) {
    return new Embed(
        title,
        description,
        url,
        color,
        fields,
        text,
        authorName,
        imageUrl,
        thumbnailUrl,
        timestamp);
  }
}
