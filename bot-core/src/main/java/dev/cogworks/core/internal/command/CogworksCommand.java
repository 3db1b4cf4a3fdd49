package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandGroup;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.api.command.Reply;
import dev.cogworks.core.internal.data.UserDataRegistry;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cogworks}: the bot's owners operate the whole bot (its messaging subcommands come from the
 * admin package; {@code status} also answers a server's admins). {@code cogworks forget-user <id>}
 * deletes what every cog keeps about a person, for a deletion request received by other means (an
 * email, Discord's Trust and Safety): the same as that person's own {@code mydata delete}.
 */
final class CogworksCommand {
  private static final Pattern USER = Pattern.compile("<@!?(\\d{15,20})>|(\\d{15,20})");

  private final UserDataRegistry data;

  CogworksCommand(UserDataRegistry data) {
    this.data = data;
  }

  CommandSpec spec(List<CommandSpec> more, List<CommandGroup> groups) {
    CommandSpec.Builder cogworks =
        CommandSpec.builder("cogworks", "Operate the bot (owners; status also for server admins)")
            .inDirectMessages()
            .subcommand(
                CommandSpec.builder(
                        "forget-user", "Delete what every cog keeps about a user (owners)")
                    .ownerOnly()
                    .option(
                        OptionSpec.required(
                            "user", OptionKind.STRING, "the user's id (or a mention of them)"))
                    .handler(this::forgetUser)
                    .build());
    more.forEach(cogworks::subcommand);
    groups.forEach(cogworks::group);
    return cogworks.build();
  }

  private CompletionStage<?> forgetUser(CommandInvocation invocation) {
    String typed = invocation.string("user").orElse("").trim();
    Matcher matcher = USER.matcher(typed);
    if (!matcher.matches()) {
      throw new CommandException(
          "`"
              + SettingsCommand.shown(typed)
              + "` is not a user id: a user id is a number of 15 to 20 digits (or a mention).");
    }
    long user = Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    return data.delete(user)
        .thenCompose(
            outcomes -> {
              Reply report = Reply.of(MyDataCommand.deleted(outcomes, "user " + user));
              return invocation.reply(invocation.isSlash() ? report.asEphemeral() : report);
            });
  }
}
