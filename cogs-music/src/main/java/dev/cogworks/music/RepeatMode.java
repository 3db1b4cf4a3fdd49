package dev.cogworks.music;

import java.util.Locale;
import java.util.Optional;

/** What happens when a track ends: the next one, the same again, or the queue round again. */
enum RepeatMode {
  OFF,
  ONE,
  ALL;

  static Optional<RepeatMode> parse(String text) {
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
