package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandGroup;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.util.List;
import net.dv8tion.jda.api.Permission;

/**
 * Discord's three levels: {@code /role list}, {@code /role self-serve add <role>}, and {@code /role
 * config allow <role>}, whose group and subcommand each require a permission of their own.
 */
public final class GroupsCog extends CogHelper {
  @Override
  public String name() {
    return "groups";
  }

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("role", "Roles members take and staff configure")
            .subcommand(
                CommandSpec.builder("list", "List the self-serve roles")
                    .handler(inv -> inv.reply("self-serve roles: Administrator"))
                    .build())
            .group(
                CommandGroup.builder("self-serve", "Roles members give themselves")
                    .subcommand(withRole("add", "Take a role", "would add "))
                    .subcommand(withRole("remove", "Drop a role", "would remove "))
                    .build())
            .group(
                CommandGroup.builder("config", "Choose the self-serve roles")
                    .requires(Permission.MANAGE_ROLES)
                    .subcommand(
                        CommandSpec.builder("allow", "Let members take a role")
                            .requires(Permission.MANAGE_SERVER)
                            .option(OptionSpec.required("role", OptionKind.ROLE, "the role"))
                            .handler(
                                inv -> inv.reply("allowed " + inv.role("role").get().getName()))
                            .build())
                    .build())
            .build());
  }

  private static CommandSpec withRole(String name, String description, String answer) {
    return CommandSpec.builder(name, description)
        .option(OptionSpec.required("role", OptionKind.ROLE, "the role"))
        .handler(inv -> inv.reply(answer + inv.role("role").get().getName()))
        .build();
  }
}
