package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandSpec;
import java.util.List;
import java.util.Set;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;

/**
 * Who may run what: an owner-only command needs one of the bot's {@link Owners}, and a member needs
 * every permission that the command's levels require. The same rules decide what {@code help} and
 * autocomplete show.
 */
final class CommandAccess {
  private final Owners owners;
  private final ServerRules rules;

  CommandAccess(Owners owners, ServerRules rules) {
    this.owners = owners;
    this.rules = rules;
  }

  /**
   * Whether {@code user} sees {@code command} in {@code guild} (help, suggestions): not owner-only
   * for others, and its cog on in the server; in a direct message ({@code guild} null), only the
   * commands that work there.
   */
  boolean sees(RegisteredCommand command, User user, Guild guild) {
    return sees(command.spec(), user)
        && rules.cogOn(guild, command.cog())
        && (guild != null || command.spec().directMessages());
  }

  /** Whether {@code user} may see {@code spec} at all: owner-only ones are hidden from others. */
  boolean sees(CommandSpec spec, User user) {
    return !spec.ownerOnly() || owners.contains(user.getIdLong());
  }

  /**
   * Refuses an owner-only command to others before its subcommands are walked, so that they see
   * none of it.
   */
  void checkOwner(RegisteredCommand command, User user, String prefix) {
    if (!sees(command.spec(), user)) {
      throw notOwner(prefix + command.spec().name());
    }
  }

  /**
   * Refuses with a message naming what is missing.
   *
   * @param prefix how the user invoked it, {@code "/"} or the prefix, for the message
   */
  void check(CommandPath path, User user, Member member, String prefix) {
    if (path.ownerOnly() && !owners.contains(user.getIdLong())) {
      throw notOwner(prefix + path.fullName());
    }
    Set<Permission> needed = path.requiredPermissions();
    if (member == null && !needed.isEmpty()) {
      // A direct message: no server, so no server permission to have.
      throw new CommandException("`" + prefix + path.fullName() + "` works in a server only.");
    }
    if (member == null || needed.isEmpty() || member.hasPermission(needed)) {
      return;
    }
    List<String> missing =
        needed.stream().filter(p -> !member.hasPermission(p)).map(Permission::getName).toList();
    String names =
        missing.size() == 1
            ? missing.get(0) + " permission"
            : String.join(", ", missing.subList(0, missing.size() - 1))
                + " and "
                + missing.get(missing.size() - 1)
                + " permissions";
    throw new CommandException(
        "You need the " + names + " to use `" + prefix + path.fullName() + "`.");
  }

  private static CommandException notOwner(String shown) {
    return new CommandException("Only the bot's owners can use `" + shown + "`.");
  }

  /** Whether {@link #check} would let the user through. */
  boolean allows(CommandPath path, User user, Member member) {
    try {
      check(path, user, member, "/");
      return true;
    } catch (CommandException refused) {
      return false;
    }
  }
}
