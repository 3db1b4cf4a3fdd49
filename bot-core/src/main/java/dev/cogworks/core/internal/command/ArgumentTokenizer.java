package dev.cogworks.core.internal.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a prefix command's text into arguments: whitespace separates, double or single quotes
 * group ({@code !echo "two words"}), a backslash escapes the next character.
 */
public final class ArgumentTokenizer {
  private ArgumentTokenizer() {}

  public static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    boolean inToken = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(text.charAt(++i));
        inToken = true;
      } else if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inToken = true;
      } else if (Character.isWhitespace(c)) {
        if (inToken) {
          tokens.add(current.toString());
          current.setLength(0);
          inToken = false;
        }
      } else {
        current.append(c);
        inToken = true;
      }
    }
    if (inToken) {
      tokens.add(current.toString());
    }
    return tokens;
  }
}
