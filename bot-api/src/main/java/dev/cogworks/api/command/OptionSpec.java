package dev.cogworks.api.command;

import java.util.List;
import java.util.Objects;

/**
 * One option of a command. {@code choices} (may be empty) restricts string, integer and number
 * options to those values.
 */
public record OptionSpec(
    String name, String description, OptionKind kind, boolean required, List<String> choices) {
  public OptionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    description = description == null || description.isBlank() ? name : description;
    choices = List.copyOf(choices == null ? List.of() : choices);
    if (!name.matches("[a-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException(
          "option name '" + name + "' must be 1-32 lower-case letters, digits, - or _");
    }
  }

  public static OptionSpec required(String name, OptionKind kind, String description) {
    return new OptionSpec(name, description, kind, true, List.of());
  }

  public static OptionSpec optional(String name, OptionKind kind, String description) {
    return new OptionSpec(name, description, kind, false, List.of());
  }

  public OptionSpec withChoices(String... values) {
    return new OptionSpec(name, description, kind, required, List.of(values));
  }

  /** How the option reads in usage lines: {@code <name>} or {@code [name]}. */
  public String usage() {
    return required ? "<" + name + ">" : "[" + name + "]";
  }
}
