package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandGroup;
import dev.cogworks.api.command.CommandSpec;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.Permission;

/**
 * A command resolved down to what runs: the command, its group if any, and the subcommand (or the
 * command itself, when it has no subcommands). Permissions and owner-only add up along the levels.
 *
 * @param group null unless the subcommand is in a group
 */
record CommandPath(RegisteredCommand command, CommandGroup group, CommandSpec leaf) {

  /** The path Discord names in a slash interaction; empty when the command no longer has it. */
  static Optional<CommandPath> of(RegisteredCommand command, String groupName, String subName) {
    CommandSpec spec = command.spec();
    if (subName == null) {
      return spec.handler() == null
          ? Optional.empty()
          : Optional.of(new CommandPath(command, null, spec));
    }
    if (groupName == null) {
      return find(spec, subName).map(sub -> new CommandPath(command, null, sub));
    }
    return spec.groups().stream()
        .filter(g -> g.name().equals(groupName))
        .findFirst()
        .flatMap(
            group ->
                group.subcommands().stream()
                    .filter(s -> s.name().equals(subName))
                    .findFirst()
                    .map(sub -> new CommandPath(command, group, sub)));
  }

  private static Optional<CommandSpec> find(CommandSpec spec, String subName) {
    return spec.subcommands().stream().filter(s -> s.name().equals(subName)).findFirst();
  }

  /** {@code role self-serve add}. */
  String fullName() {
    StringBuilder name = new StringBuilder(command.spec().name());
    if (group != null) {
      name.append(' ').append(group.name());
    }
    if (leaf != command.spec()) {
      name.append(' ').append(leaf.name());
    }
    return name.toString();
  }

  /** {@code role self-serve add <role>}. */
  String usage() {
    StringBuilder usage = new StringBuilder(fullName());
    leaf.options().forEach(o -> usage.append(' ').append(o.usage()));
    return usage.toString();
  }

  /** Everything each level requires. */
  Set<Permission> requiredPermissions() {
    Set<Permission> needed = EnumSet.noneOf(Permission.class);
    needed.addAll(command.spec().requiredPermissions());
    if (group != null) {
      needed.addAll(group.requiredPermissions());
    }
    needed.addAll(leaf.requiredPermissions());
    return needed;
  }

  boolean ownerOnly() {
    return command.spec().ownerOnly() || leaf.ownerOnly();
  }
}
