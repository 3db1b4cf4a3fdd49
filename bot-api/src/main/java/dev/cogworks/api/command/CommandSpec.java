package dev.cogworks.api.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.dv8tion.jda.api.Permission;

/**
 * A command defined once and served both as a slash command and as a prefix command. A command has
 * either a handler and options, or subcommands (each a CommandSpec of its own).
 */
public record CommandSpec(
    String name,
    String description,
    List<OptionSpec> options,
    Set<Permission> requiredPermissions,
    List<CommandSpec> subcommands,
    CommandHandler handler) {

  public CommandSpec {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException(
          "command name '" + name + "' must be 1-32 lower-case letters, digits, - or _");
    }
    description = description == null || description.isBlank() ? name : description;
    options = List.copyOf(options);
    requiredPermissions =
        requiredPermissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requiredPermissions));
    subcommands = List.copyOf(subcommands);
    if (subcommands.isEmpty() == (handler == null)) {
      throw new IllegalArgumentException(
          "command " + name + " needs either a handler or subcommands, not both or neither");
    }
    boolean optionalSeen = false;
    for (OptionSpec option : options) {
      if (option.required() && optionalSeen) {
        throw new IllegalArgumentException(
            "command " + name + ": required option " + option.name() + " after an optional one");
      }
      optionalSeen |= !option.required();
    }
  }

  public static Builder builder(String name, String description) {
    return new Builder(name, description);
  }

  /** How to type it: {@code name <required> [optional]}. */
  public String usage() {
    StringBuilder usage = new StringBuilder(name);
    options.forEach(o -> usage.append(' ').append(o.usage()));
    if (!subcommands.isEmpty()) {
      usage
          .append(" <")
          .append(String.join("|", subcommands.stream().map(CommandSpec::name).toList()))
          .append('>');
    }
    return usage.toString();
  }

  /** Builds a {@link CommandSpec} step by step. */
  public static final class Builder {
    private final String name;
    private final String description;
    private final List<OptionSpec> options = new ArrayList<>();
    private final Set<Permission> permissions = EnumSet.noneOf(Permission.class);
    private final List<CommandSpec> subcommands = new ArrayList<>();
    private CommandHandler handler;

    private Builder(String name, String description) {
      this.name = name;
      this.description = description;
    }

    public Builder option(OptionSpec option) {
      options.add(option);
      return this;
    }

    public Builder requires(Permission... required) {
      permissions.addAll(List.of(required));
      return this;
    }

    public Builder subcommand(CommandSpec subcommand) {
      subcommands.add(subcommand);
      return this;
    }

    public Builder handler(CommandHandler handler) {
      this.handler = handler;
      return this;
    }

    public CommandSpec build() {
      return new CommandSpec(name, description, options, permissions, subcommands, handler);
    }
  }
}
