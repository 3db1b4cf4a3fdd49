package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandSpec;
import java.util.List;

/**
 * Owner-only commands: {@code reload}, and {@code ops drain} beside everyone's {@code ops status}.
 */
public final class OpsCog extends CogHelper {
  @Override
  public String name() {
    return "ops";
  }

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("reload", "Reload the bot's settings")
            .ownerOnly()
            .handler(inv -> inv.reply("reloaded"))
            .build(),
        CommandSpec.builder("ops", "Operate the bot")
            .subcommand(
                CommandSpec.builder("status", "How the bot is doing")
                    .handler(inv -> inv.reply("all good"))
                    .build())
            .subcommand(
                CommandSpec.builder("drain", "Stop taking work")
                    .ownerOnly()
                    .handler(inv -> inv.reply("drained"))
                    .build())
            .build());
  }
}
