package dev.cogworks.markov;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message into the tokens the model learns: lower-case words, punctuation marks and this
 * server's custom emojis exactly as written. Links, user/role/channel mentions, {@code @everyone}
 * and {@code @here} are dropped, and so are other servers' emojis (the bot could not show them).
 */
final class MessageCleaner {
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
  private static final Pattern MENTION =
      Pattern.compile("<@[!&]?\\d+>|<#\\d+>|@everyone|@here|<id:\\w+>|</[^>]+:\\d+>");
  private static final Pattern TOKEN =
      Pattern.compile(
          "(<a?:\\w{2,32}:(\\d{1,20})>)" // a custom emoji
              + "|([\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}'’_-]*)" // a word
              + "|([.,!?;:]+)" // punctuation
              + "|([\\p{So}\\p{Sk}][\\p{So}\\p{Sk}\\x{200d}\\x{fe0f}]*)"); // unicode emoji

  private final List<String> skipPrefixes;

  MessageCleaner(List<String> skipPrefixes) {
    this.skipPrefixes = List.copyOf(skipPrefixes);
  }

  /** Whether a message is a command to some bot, never learned. */
  boolean isCommand(String content) {
    String trimmed = content.strip();
    return skipPrefixes.stream().anyMatch(p -> !p.isEmpty() && trimmed.startsWith(p));
  }

  /**
   * Whether a message starts with a mention of the bot ({@code selfId}): a command or a question to
   * the bot, never learned, so that what people ask it never comes back as the server's voice.
   */
  static boolean addressedTo(String content, long selfId) {
    String trimmed = content.strip();
    return trimmed.startsWith("<@" + selfId + ">") || trimmed.startsWith("<@!" + selfId + ">");
  }

  /**
   * The tokens of {@code content}, keeping the custom emojis whose ids are in {@code guildEmojis};
   * empty when nothing worth learning is left (no word at all).
   */
  /** An emoji of this server; an id past a long's range (typed, not Discord's) is none. */
  private static boolean knownEmoji(String digits, Set<Long> guildEmojis) {
    try {
      return guildEmojis.contains(Long.parseLong(digits));
    } catch (NumberFormatException tooLong) {
      return false;
    }
  }

  List<String> tokens(String content, Set<Long> guildEmojis) {
    String text = MENTION.matcher(URL.matcher(content).replaceAll(" ")).replaceAll(" ");
    List<String> tokens = new ArrayList<>();
    boolean anyWord = false;
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      if (m.group(1) != null) {
        if (knownEmoji(m.group(2), guildEmojis)) {
          tokens.add(m.group(1));
          anyWord = true;
        }
      } else if (m.group(3) != null) {
        tokens.add(m.group(3).toLowerCase(Locale.ROOT));
        anyWord = true;
      } else if (m.group(4) != null) {
        // a run of punctuation keeps its first mark ("?!" and "..." read fine as "?" and ".")
        if (!tokens.isEmpty()) {
          tokens.add(m.group(4).substring(0, 1));
        }
      } else {
        tokens.add(m.group(5));
        anyWord = true;
      }
    }
    return anyWord ? tokens : List.of();
  }

  /** Whether a token is a punctuation mark, written against the word before it. */
  static boolean isPunctuation(String token) {
    return token.length() == 1 && ".,!?;:".indexOf(token.charAt(0)) >= 0;
  }

  /** Tokens back into text: words spaced, punctuation against the word before it. */
  static String join(List<String> tokens) {
    StringBuilder out = new StringBuilder();
    for (String token : tokens) {
      if (!out.isEmpty() && !isPunctuation(token)) {
        out.append(' ');
      }
      out.append(token);
    }
    return out.toString();
  }
}
