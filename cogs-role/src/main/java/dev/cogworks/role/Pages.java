package dev.cogworks.role;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines split into messages within Discord's 2,000 characters, each headed with its page number
 * ("Roles — page 2/5"), never splitting a line.
 */
final class Pages {
  static final int LIMIT = 2000;

  private Pages() {}

  static List<String> of(String title, List<String> lines) {
    if (lines.isEmpty()) {
      return List.of("**" + title + "**\n(none)");
    }
    // the header's length with the largest page numbers the split can need
    String widest = header(title, lines.size(), lines.size());
    int room = LIMIT - widest.length() - 1;
    List<List<String>> groups = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int length = 0;
    for (String line : lines) {
      String fitted = line.length() > room ? line.substring(0, room - 1) + "…" : line;
      int added = fitted.length() + (current.isEmpty() ? 0 : 1);
      if (!current.isEmpty() && length + added > room) {
        groups.add(current);
        current = new ArrayList<>();
        length = 0;
        added = fitted.length();
      }
      current.add(fitted);
      length += added;
    }
    groups.add(current);
    List<String> pages = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      pages.add(header(title, i + 1, groups.size()) + "\n" + String.join("\n", groups.get(i)));
    }
    return pages;
  }

  private static String header(String title, int page, int pages) {
    return "**" + title + "** — page " + page + "/" + pages;
  }
}
