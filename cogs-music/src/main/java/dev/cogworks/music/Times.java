package dev.cogworks.music;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Track times as people write and read them: {@code 1:05}, {@code 1:02:03}, {@code 90s}. */
final class Times {
  private static final Pattern CLOCK = Pattern.compile("(?:(\\d+):)?(\\d{1,2}):(\\d{1,2})");
  private static final Pattern UNITS =
      Pattern.compile("(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

  private Times() {}

  static String format(long millis) {
    long seconds = Math.max(0, millis) / 1000;
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
  }

  /** A length, or "live" for a stream. */
  static String length(long millis) {
    return millis == Long.MAX_VALUE || millis < 0 ? "live" : format(millis);
  }

  /** Milliseconds from {@code 1:05}, {@code 1:02:03}, {@code 65}, {@code 1m5s}; empty if none. */
  static OptionalLong parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.isEmpty()) {
      return OptionalLong.empty();
    }
    if (t.matches("\\d+")) {
      return OptionalLong.of(Long.parseLong(t) * 1000);
    }
    Matcher clock = CLOCK.matcher(t);
    if (clock.matches()) {
      long h = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
      return OptionalLong.of(
          ((h * 60 + Long.parseLong(clock.group(2))) * 60 + Long.parseLong(clock.group(3))) * 1000);
    }
    Matcher units = UNITS.matcher(t);
    if (units.matches() && !t.isBlank()) {
      long total = 0;
      for (int i = 1; i <= 3; i++) {
        long factor = i == 1 ? 3600 : i == 2 ? 60 : 1;
        total += units.group(i) == null ? 0 : Long.parseLong(units.group(i)) * factor;
      }
      return OptionalLong.of(total * 1000);
    }
    return OptionalLong.empty();
  }

  /** {@code ▬▬▬🔘▬▬▬▬ 1:05 / 3:20}. */
  static String bar(long position, long length) {
    int width = 16;
    if (length <= 0 || length == Long.MAX_VALUE) {
      return "🔴 live " + format(position);
    }
    int at = (int) Math.min(width - 1, position * width / length);
    StringBuilder bar = new StringBuilder();
    for (int i = 0; i < width; i++) {
      bar.append(i == at ? "🔘" : "▬");
    }
    return bar + " " + format(position) + " / " + format(length);
  }
}
