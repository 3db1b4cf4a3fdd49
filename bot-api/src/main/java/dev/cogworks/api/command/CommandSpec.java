package dev.cogworks.api.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import net.dv8tion.jda.api.Permission;

/**
 * A command defined once and served both as a slash command and as a prefix command. A command has
 * either a handler and options, or subcommands and/or {@link CommandGroup groups} of subcommands:
 * Discord's three levels, {@code command → group → subcommand}. Required permissions add up along
 * the levels. An {@code ownerOnly} command (or subcommand) runs only for the bot's owners: the
 * Discord application's owners and the users in {@code discord.owners}; server admins are not
 * owners. A command works in servers only unless it is {@code directMessages}.
 */
public record CommandSpec(
    String name,
    String description,
    List<OptionSpec> options,
    Set<Permission> requiredPermissions,
    List<CommandSpec> subcommands,
    List<CommandGroup> groups,
    boolean ownerOnly,
    CommandHandler handler,
    boolean directMessages) {

  public CommandSpec {
    Objects.requireNonNull(name, "name");
    DiscordLimits.checkName("command", name);
    description = DiscordLimits.description("command", name, description);
    options = List.copyOf(options);
    requiredPermissions =
        requiredPermissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requiredPermissions));
    subcommands = List.copyOf(subcommands);
    groups = List.copyOf(groups);
    String owner = "command " + name;
    boolean branches = !subcommands.isEmpty() || !groups.isEmpty();
    if (branches == (handler != null)) {
      throw new IllegalArgumentException(
          owner + " needs either a handler or subcommands/groups, not both or neither");
    }
    if (branches && !options.isEmpty()) {
      throw new IllegalArgumentException(
          owner
              + " has subcommands, so its options belong on them: Discord gives such a command"
              + " no options of its own");
    }
    DiscordLimits.checkCount(owner, "options", options.size());
    DiscordLimits.checkUnique(owner, "options", options, OptionSpec::name);
    DiscordLimits.checkCount(owner, "subcommands and groups", subcommands.size() + groups.size());
    DiscordLimits.checkUnique(
        owner,
        "subcommands or groups",
        Stream.concat(
                subcommands.stream().map(CommandSpec::name),
                groups.stream().map(CommandGroup::name))
            .toList(),
        n -> n);
    for (CommandSpec sub : subcommands) {
      if (sub.handler() == null) {
        throw new IllegalArgumentException(
            "subcommand "
                + sub.name()
                + " of "
                + name
                + " has subcommands of its own; put them in a CommandGroup"
                + " (command → group → subcommand)");
      }
    }
    boolean optionalSeen = false;
    for (OptionSpec option : options) {
      if (option.required() && optionalSeen) {
        throw new IllegalArgumentException(
            owner + ": required option " + option.name() + " after an optional one");
      }
      optionalSeen |= !option.required();
    }
  }

  public static Builder builder(String name, String description) {
    return new Builder(name, description);
  }

  /** How to type it: {@code name <required> [optional]}, or {@code name <sub|group>}. */
  public String usage() {
    StringBuilder usage = new StringBuilder(name);
    options.forEach(o -> usage.append(' ').append(o.usage()));
    if (handler == null) {
      usage
          .append(" <")
          .append(
              String.join(
                  "|",
                  Stream.concat(
                          subcommands.stream().map(CommandSpec::name),
                          groups.stream().map(CommandGroup::name))
                      .toList()))
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
    private final List<CommandGroup> groups = new ArrayList<>();
    private boolean ownerOnly;
    private boolean directMessages;
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

    public Builder group(CommandGroup group) {
      groups.add(group);
      return this;
    }

    /** Only the bot's owners may run it; others are refused, and do not see it in help. */
    public Builder ownerOnly() {
      this.ownerOnly = true;
      return this;
    }

    /**
     * Also usable in a direct message to the bot (a top-level command only): as {@code !name}
     * there, and as a slash command, registered globally for DMs. Its handler then sees no guild or
     * member; subcommands that need a server permission are refused there.
     */
    public Builder inDirectMessages() {
      this.directMessages = true;
      return this;
    }

    public Builder handler(CommandHandler handler) {
      this.handler = handler;
      return this;
    }

    public CommandSpec build() {
      return new CommandSpec(
          name,
          description,
          options,
          permissions,
          subcommands,
          groups,
          ownerOnly,
          handler,
          directMessages);
    }
  }
}
