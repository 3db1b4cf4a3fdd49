package dev.cogworks.role;

import dev.cogworks.api.command.Choice;
import dev.cogworks.api.command.CommandGroup;
import dev.cogworks.api.command.CommandHandler;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Role;

/**
 * The {@code role} command tree, within Discord's three levels: everyone's subcommands (list,
 * users, available, add, remove), and the setup, which needs Manage Roles (Administrator includes
 * it). Roles are typed as text (a mention, an id or a name, suggested while typed), so that the cog
 * itself checks they belong to this server.
 */
final class RoleCommand {
  private final ListingCommands listing;
  private final ChangeCommand change;
  private final SetupCommands setup;
  private final PanelCommand panel;

  RoleCommand(RoleCog cog) {
    this.listing = new ListingCommands(cog);
    this.change = new ChangeCommand(cog);
    this.setup = new SetupCommands(cog);
    this.panel = new PanelCommand(cog);
  }

  CommandSpec spec() {
    return CommandSpec.builder("role", "Roles: list them, take them, hand them out")
        .subcommand(simple("list", "Every role of this server", listing::list))
        .subcommand(
            CommandSpec.builder("users", "The members of a role")
                .option(role("role", "the role"))
                .handler(listing::users)
                .build())
        .subcommand(
            simple(
                "available", "The roles you may take, and those you may give", listing::available))
        .subcommand(changeSpec("add", "Give a role (to yourself, or to members)", true))
        .subcommand(changeSpec("remove", "Take a role (from yourself, or from members)", false))
        .group(
            CommandGroup.builder("self-serve", "Roles members give themselves")
                .requires(Permission.MANAGE_ROLES)
                .subcommand(
                    CommandSpec.builder("add", "Let members take a role themselves")
                        .option(role("role", "the role"))
                        .option(force())
                        .handler(inv -> setup.selfServe(inv, true))
                        .build())
                .subcommand(
                    CommandSpec.builder("remove", "Members no longer take a role themselves")
                        .option(role("role", "the role"))
                        .handler(inv -> setup.selfServe(inv, false))
                        .build())
                .build())
        .group(
            CommandGroup.builder("managers", "Members of one role hand out another")
                .requires(Permission.MANAGE_ROLES)
                .subcommand(
                    CommandSpec.builder("set", "Members of a role may give another role")
                        .option(role("manager", "the role whose members hand it out"))
                        .option(role("managed", "the role they hand out"))
                        .option(force())
                        .handler(inv -> setup.managers(inv, true))
                        .build())
                .subcommand(
                    CommandSpec.builder("unset", "Members of a role no longer give another")
                        .option(role("manager", "the role whose members handed it out"))
                        .option(role("managed", "the role they handed out"))
                        .handler(inv -> setup.managers(inv, false))
                        .build())
                .build())
        .group(
            CommandGroup.builder("groups", "Exclusive groups: one role of a group at a time")
                .requires(Permission.MANAGE_ROLES)
                .subcommand(
                    CommandSpec.builder("set", "Make roles exclusive (taking one drops the others)")
                        .option(OptionSpec.required("name", OptionKind.STRING, "the group's name"))
                        .option(
                            OptionSpec.required(
                                "roles", OptionKind.STRING, "its roles (mentions, ids or names)"))
                        .handler(setup::groupSet)
                        .build())
                .subcommand(
                    CommandSpec.builder("clear", "Remove an exclusive group")
                        .option(OptionSpec.required("name", OptionKind.STRING, "the group's name"))
                        .handler(setup::groupClear)
                        .build())
                .build())
        .group(
            CommandGroup.builder("autorole", "Roles given to everyone who joins")
                .requires(Permission.MANAGE_ROLES)
                .subcommand(
                    CommandSpec.builder("add", "Give a role to everyone who joins")
                        .option(role("role", "the role"))
                        .handler(inv -> setup.autorole(inv, true))
                        .build())
                .subcommand(
                    CommandSpec.builder("remove", "Stop giving a role on join")
                        .option(role("role", "the role"))
                        .handler(inv -> setup.autorole(inv, false))
                        .build())
                .build())
        .subcommand(
            CommandSpec.builder("hide", "Hide a role from role list, or show it again")
                .requires(Permission.MANAGE_ROLES)
                .option(role("role", "the role"))
                .handler(setup::hide)
                .build())
        .subcommand(
            CommandSpec.builder("require", "A role needed to use role commands (none: anyone)")
                .requires(Permission.MANAGE_ROLES)
                .option(
                    OptionSpec.optional("role", OptionKind.STRING, "the role; leave out for none")
                        .withAutocomplete(RoleCommand::suggest))
                .handler(setup::require)
                .build())
        .subcommand(
            CommandSpec.builder("modlog", "Where role changes are logged (none: nowhere)")
                .requires(Permission.MANAGE_ROLES)
                .option(OptionSpec.optional("channel", OptionKind.CHANNEL, "the channel"))
                .handler(setup::modlog)
                .build())
        .subcommand(
            CommandSpec.builder("config", "This server's role setup")
                .requires(Permission.MANAGE_ROLES)
                .handler(setup::show)
                .build())
        .subcommand(
            CommandSpec.builder("panel", "Post a panel of buttons for the self-serve roles here")
                .requires(Permission.MANAGE_ROLES)
                .handler(panel::post)
                .build())
        .build();
  }

  private CommandSpec changeSpec(String name, String description, boolean add) {
    return CommandSpec.builder(name, description)
        .option(role("role", "the role: a mention, an id or its name"))
        .option(
            OptionSpec.optional(
                "users", OptionKind.STRING, "members (mentions or ids); leave out for yourself"))
        .handler(inv -> change.run(inv, add))
        .build();
  }

  private static CommandSpec simple(String name, String description, CommandHandler handler) {
    return CommandSpec.builder(name, description).handler(handler).build();
  }

  private static OptionSpec role(String name, String description) {
    return OptionSpec.required(name, OptionKind.STRING, description)
        .withAutocomplete(RoleCommand::suggest);
  }

  private static OptionSpec force() {
    return OptionSpec.optional(
        "force", OptionKind.BOOLEAN, "administrators: allow a role with dangerous permissions");
  }

  /** This server's roles whose names contain what is typed, from the event's member's guild. */
  private static CompletableFuture<List<Choice>> suggest(
      dev.cogworks.api.command.AutocompleteQuery query) {
    if (query.member() == null) {
      return CompletableFuture.completedFuture(List.of());
    }
    String typed = query.typed().toLowerCase(Locale.ROOT);
    return CompletableFuture.completedFuture(
        query.member().getGuild().getRoles().stream()
            .filter(r -> !r.isPublicRole())
            .map(Role::getName)
            .filter(n -> n.toLowerCase(Locale.ROOT).contains(typed))
            .limit(25)
            .map(Choice::of)
            .toList());
  }
}
