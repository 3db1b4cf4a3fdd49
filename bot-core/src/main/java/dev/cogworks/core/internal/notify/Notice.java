package dev.cogworks.core.internal.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing worth telling the bot's operators. {@code key} sets apart notices of one kind that are
 * not duplicates of each other (two shards disconnecting are two stories); {@code fields} are shown
 * in order as the embed's fields.
 */
public record Notice(
    NoticeKind kind, String key, String description, Map<String, String> fields, Instant at) {
  public Notice {
    key = key == null ? "" : key;
    description = description == null ? "" : description;
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static Notice of(NoticeKind kind, String description) {
    return new Notice(kind, "", description, Map.of(), Instant.now());
  }

  /** The same notice with one more field. */
  public Notice with(String name, Object value) {
    Map<String, String> more = new LinkedHashMap<>(fields);
    more.put(name, String.valueOf(value));
    return new Notice(kind, key, description, more, at);
  }

  /** The same notice, set apart from others of its kind by {@code key}. */
  public Notice keyed(String key) {
    return new Notice(kind, key, description, fields, at);
  }

  /** Notices with the same dedup key collapse into one summary within a window. */
  String dedupKey() {
    return kind.name() + "|" + key;
  }
}
