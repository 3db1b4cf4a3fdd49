package dev.cogworks.core.internal.messaging;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits content over Discord's 2,000 characters into parts that fit, at line boundaries where
 * possible, then at spaces, and only as a last resort inside a word. Nothing is dropped: the parts
 * joined back give the original text.
 */
public final class ContentSplitter {
  public static final int LIMIT = 2000;

  private ContentSplitter() {}

  public static List<String> split(String content, int limit) {
    List<String> parts = new ArrayList<>();
    String rest = content;
    while (rest.length() > limit) {
      int cut = rest.lastIndexOf('\n', limit - 1);
      if (cut <= 0) {
        cut = rest.lastIndexOf(' ', limit - 1);
      }
      if (cut <= 0) {
        parts.add(rest.substring(0, limit));
        rest = rest.substring(limit);
      } else {
        parts.add(rest.substring(0, cut));
        rest = rest.substring(cut + 1);
      }
    }
    if (!rest.isEmpty() || parts.isEmpty()) {
      parts.add(rest);
    }
    return parts;
  }
}
