package dev.cogworks.api.command;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Discord's limits on slash command definitions, checked where a spec is built so that a bad
 * definition fails at start with a message naming what is wrong, not later at Discord.
 */
final class DiscordLimits {
  /** Options per command, subcommands and groups per level, and fixed choices per option. */
  static final int MAX_ENTRIES = 25;

  static final int MAX_DESCRIPTION = 100;
  static final int MAX_CHOICE_LENGTH = 100;

  private DiscordLimits() {}

  /**
   * Names of commands, groups, subcommands and options: 1-32 lower-case letters, digits, - or _.
   */
  static void checkName(String what, String name) {
    if (name == null || !name.matches("[a-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException(
          what + " name '" + name + "' must be 1-32 lower-case letters, digits, - or _");
    }
  }

  /** A blank description becomes the name (Discord requires one); a long one is refused. */
  static String description(String what, String name, String description) {
    if (description == null || description.isBlank()) {
      return name;
    }
    if (description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException(
          "the description of "
              + what
              + " "
              + name
              + " is "
              + description.length()
              + " characters; Discord allows "
              + MAX_DESCRIPTION);
    }
    return description;
  }

  static void checkCount(String owner, String what, int count) {
    if (count > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          owner + " has " + count + " " + what + "; Discord allows " + MAX_ENTRIES);
    }
  }

  static <T> void checkUnique(String owner, String what, List<T> items, Function<T, String> name) {
    Set<String> seen = new HashSet<>();
    for (T item : items) {
      if (!seen.add(name.apply(item))) {
        throw new IllegalArgumentException(
            owner + " has two " + what + " named " + name.apply(item));
      }
    }
  }
}
