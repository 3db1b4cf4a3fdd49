package dev.cogworks.api.command;

import java.util.List;
import java.util.Objects;

/**
 * One option of a command. {@code choices} (may be empty) restricts string, integer and number
 * options to those values; an {@code autocompleter} instead suggests values while the user types
 * (Discord allows one or the other, on those three kinds only).
 */
public record OptionSpec(
    String name,
    String description,
    OptionKind kind,
    boolean required,
    List<String> choices,
    Autocompleter autocompleter) {
  public OptionSpec {
    Objects.requireNonNull(kind, "kind");
    DiscordLimits.checkName("option", name);
    description = DiscordLimits.description("option", name, description);
    choices = List.copyOf(choices == null ? List.of() : choices);
    String owner = "option " + name;
    boolean textual =
        kind == OptionKind.STRING || kind == OptionKind.INTEGER || kind == OptionKind.NUMBER;
    if (!choices.isEmpty() && !textual) {
      throw new IllegalArgumentException(
          owner
              + " is a "
              + kind.label()
              + " option; only string, integer and number options"
              + " have choices");
    }
    DiscordLimits.checkCount(owner, "choices", choices.size());
    choices.forEach(choice -> checkChoice(owner, kind, choice));
    if (autocompleter != null && !textual) {
      throw new IllegalArgumentException(
          owner
              + " is a "
              + kind.label()
              + " option; Discord offers autocomplete on string,"
              + " integer and number options only");
    }
    if (autocompleter != null && !choices.isEmpty()) {
      throw new IllegalArgumentException(
          owner
              + " has fixed choices; Discord does not allow autocomplete together with"
              + " choices: keep one of them");
    }
  }

  public static OptionSpec required(String name, OptionKind kind, String description) {
    return new OptionSpec(name, description, kind, true, List.of(), null);
  }

  public static OptionSpec optional(String name, OptionKind kind, String description) {
    return new OptionSpec(name, description, kind, false, List.of(), null);
  }

  public OptionSpec withChoices(String... values) {
    return new OptionSpec(name, description, kind, required, List.of(values), autocompleter);
  }

  /**
   * Suggests values while the user types this option of the slash command. Prefix commands are
   * typed in full and do not use it.
   */
  public OptionSpec withAutocomplete(Autocompleter completer) {
    return new OptionSpec(
        name, description, kind, required, choices, Objects.requireNonNull(completer));
  }

  /** How the option reads in usage lines: {@code <name>} or {@code [name]}. */
  public String usage() {
    return required ? "<" + name + ">" : "[" + name + "]";
  }

  private static void checkChoice(String owner, OptionKind kind, String choice) {
    if (choice.isEmpty() || choice.length() > DiscordLimits.MAX_CHOICE_LENGTH) {
      throw new IllegalArgumentException(
          owner + ": a choice must be 1-" + DiscordLimits.MAX_CHOICE_LENGTH + " characters");
    }
    try {
      if (kind == OptionKind.INTEGER) {
        Long.parseLong(choice);
      } else if (kind == OptionKind.NUMBER) {
        Double.parseDouble(choice);
      }
    } catch (NumberFormatException e) {
      String expected = kind == OptionKind.INTEGER ? "a whole number" : "a number";
      throw new IllegalArgumentException(
          owner + ": choice '" + choice + "' is not " + expected + ", as its kind needs");
    }
  }
}
