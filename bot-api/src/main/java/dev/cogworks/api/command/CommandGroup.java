package dev.cogworks.api.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.dv8tion.jda.api.Permission;

/**
 * A subcommand group, Discord's middle level: {@code /role self-serve add}, where {@code
 * self-serve} is the group. A group holds only subcommands (1-25, each with a handler); its
 * required permissions add to those of its command and of the subcommand being run.
 */
public record CommandGroup(
    String name,
    String description,
    Set<Permission> requiredPermissions,
    List<CommandSpec> subcommands) {

  public CommandGroup {
    DiscordLimits.checkName("group", name);
    description = DiscordLimits.description("group", name, description);
    requiredPermissions =
        requiredPermissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requiredPermissions));
    subcommands = List.copyOf(subcommands);
    String owner = "group " + name;
    if (subcommands.isEmpty()) {
      throw new IllegalArgumentException(owner + " needs at least one subcommand");
    }
    DiscordLimits.checkCount(owner, "subcommands", subcommands.size());
    DiscordLimits.checkUnique(owner, "subcommands", subcommands, CommandSpec::name);
    for (CommandSpec sub : subcommands) {
      if (sub.handler() == null) {
        throw new IllegalArgumentException(
            "subcommand "
                + sub.name()
                + " of group "
                + name
                + " has subcommands of its own; Discord allows three levels only"
                + " (command → group → subcommand)");
      }
    }
  }

  public static Builder builder(String name, String description) {
    return new Builder(name, description);
  }

  /** How to type it: {@code self-serve <add|remove>}. */
  public String usage() {
    return name
        + " <"
        + String.join("|", subcommands.stream().map(CommandSpec::name).toList())
        + ">";
  }

  /** Builds a {@link CommandGroup} step by step. */
  public static final class Builder {
    private final String name;
    private final String description;
    private final Set<Permission> permissions = EnumSet.noneOf(Permission.class);
    private final List<CommandSpec> subcommands = new ArrayList<>();

    private Builder(String name, String description) {
      this.name = name;
      this.description = description;
    }

    public Builder requires(Permission... required) {
      permissions.addAll(List.of(required));
      return this;
    }

    public Builder subcommand(CommandSpec subcommand) {
      subcommands.add(subcommand);
      return this;
    }

    public CommandGroup build() {
      return new CommandGroup(name, description, permissions, subcommands);
    }
  }
}
