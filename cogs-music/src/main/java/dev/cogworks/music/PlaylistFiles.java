package dev.cogworks.music;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The entries of an M3U or PLS playlist file, in order; comments and metadata are skipped. */
final class PlaylistFiles {
  private PlaylistFiles() {}

  static List<String> entries(String text) {
    String trimmed = text.stripLeading();
    return trimmed.regionMatches(true, 0, "[playlist]", 0, 10) ? pls(trimmed) : m3u(trimmed);
  }

  private static List<String> m3u(String text) {
    List<String> entries = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String entry = line.strip();
      if (!entry.isEmpty() && !entry.startsWith("#")) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private static List<String> pls(String text) {
    TreeMap<Integer, String> files = new TreeMap<>();
    for (String line : text.split("\\R")) {
      String entry = line.strip();
      int eq = entry.indexOf('=');
      if (eq > 4 && entry.regionMatches(true, 0, "File", 0, 4)) {
        try {
          files.put(
              Integer.parseInt(entry.substring(4, eq).trim()), entry.substring(eq + 1).strip());
        } catch (NumberFormatException ignored) {
          // not a FileN= line
        }
      }
    }
    return new ArrayList<>(files.values());
  }
}
