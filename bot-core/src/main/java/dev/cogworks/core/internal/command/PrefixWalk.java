package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandGroup;
import dev.cogworks.api.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Walks a prefix command's leading words down Discord's levels ({@code !role self-serve add DJ}):
 * each word names a subcommand or group, until what runs is reached; the rest are its arguments. A
 * missing or unknown level is answered with the choices at that level, each with its usage.
 */
final class PrefixWalk {
  /** Where the walk ended, and the words left for the options. */
  record Result(CommandPath path, List<String> args) {}

  private PrefixWalk() {}

  /**
   * @param visible whether the user may see a subcommand (owner-only ones are hidden from others)
   */
  static Result walk(
      RegisteredCommand command,
      List<String> words,
      String prefix,
      Predicate<CommandSpec> visible) {
    CommandSpec spec = command.spec();
    if (spec.handler() != null) {
      return new Result(new CommandPath(command, null, spec), words);
    }
    String shown = prefix + spec.name();
    String next = word(words, 0);
    for (CommandSpec sub : spec.subcommands()) {
      if (sub.name().equals(next)) {
        return new Result(new CommandPath(command, null, sub), rest(words, 1));
      }
    }
    for (CommandGroup group : spec.groups()) {
      if (group.name().equals(next)) {
        String sub = word(words, 1);
        return group.subcommands().stream()
            .filter(s -> s.name().equals(sub))
            .findFirst()
            .map(s -> new Result(new CommandPath(command, group, s), rest(words, 2)))
            .orElseThrow(
                () ->
                    missing(
                        shown + " " + group.name(),
                        sub,
                        choices(shown + " " + group.name(), group.subcommands(), visible)));
      }
    }
    List<String> choices = choices(shown, spec.subcommands(), visible);
    for (CommandGroup group : spec.groups()) {
      if (group.subcommands().stream().anyMatch(visible)) {
        choices.add("`" + shown + " " + group.usage() + "`");
      }
    }
    throw missing(shown, next, choices);
  }

  private static List<String> choices(
      String shown, List<CommandSpec> subcommands, Predicate<CommandSpec> visible) {
    List<String> choices = new ArrayList<>();
    subcommands.stream()
        .filter(visible)
        .forEach(s -> choices.add("`" + shown + " " + s.usage() + "`"));
    return choices;
  }

  private static CommandException missing(String shown, String word, List<String> choices) {
    String list = String.join(", ", choices);
    return new CommandException(
        word == null
            ? "`" + shown + "` needs a subcommand: " + list
            : "Unknown subcommand `" + word + "` of `" + shown + "`. Use one of: " + list);
  }

  private static String word(List<String> words, int index) {
    return index < words.size() ? words.get(index).toLowerCase(Locale.ROOT) : null;
  }

  private static List<String> rest(List<String> words, int from) {
    return words.subList(Math.min(from, words.size()), words.size());
  }
}
