package dev.cogworks.bench;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The load run's command: {@code !load <n>} answers {@code done <n>}, one send through the
 * MessagingQueue per command, like a cog's quick answer.
 */
final class LoadCog extends CogHelper {
  @Override
  public String name() {
    return "load";
  }

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("load", "Answer a load run's command")
            .option(OptionSpec.required("n", OptionKind.STRING, "the command's number"))
            .handler(this::answer)
            .build());
  }

  private CompletionStage<?> answer(CommandInvocation invocation) {
    return invocation.reply("done " + invocation.string("n").orElse("?"));
  }
}
