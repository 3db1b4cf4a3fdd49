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
    return tokenize(text, new ArrayList<>());
  }

  /**
   * The text from the start of token {@code index} to the end, as typed: a free-text last option
   * ({@code !ask what's up?}) keeps its apostrophes, quotes and line breaks. When the rest is one
   * quoted group ({@code !note "two words"}) it is the group, unquoted.
   */
  public static String rest(String text, int index) {
    List<Integer> starts = new ArrayList<>();
    List<String> tokens = tokenize(text, starts);
    if (index >= tokens.size()) {
      return "";
    }
    String raw = text.substring(starts.get(index)).strip();
    boolean quotedGroup =
        index == tokens.size() - 1
            && raw.length() >= 2
            && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')
            && raw.charAt(raw.length() - 1) == raw.charAt(0);
    return quotedGroup ? tokens.get(index) : raw;
  }

  private static List<String> tokenize(String text, List<Integer> starts) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    boolean inToken = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!inToken && quote == 0 && !Character.isWhitespace(c)) {
        starts.add(i);
      }
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
