package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.Reply;
import dev.cogworks.api.component.ComponentId;
import dev.cogworks.api.component.ComponentInvocation;
import dev.cogworks.api.component.ComponentSpec;
import dev.cogworks.api.messaging.ActionRow;
import dev.cogworks.api.messaging.ButtonStyle;
import dev.cogworks.api.messaging.Component;
import dev.cogworks.core.internal.data.UserDataRegistry;
import dev.cogworks.core.internal.data.UserDataRegistry.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code mydata show} and {@code mydata delete}: anyone sees what the bot keeps about them, and
 * deletes it everywhere after confirming with a button. What is kept spans every server, so it is
 * shown only where nobody else reads it: as an answer to {@code /mydata show} that only the caller
 * sees. The confirmation works only for the person who asked, and only for a few minutes.
 */
final class MyDataCommand {
  static final String HANDLER = "mydata";
  private static final Duration CONFIRM_WITHIN = Duration.ofMinutes(5);

  private final UserDataRegistry data;
  private final Clock clock;

  MyDataCommand(UserDataRegistry data, Clock clock) {
    this.data = data;
    this.clock = clock;
  }

  CommandSpec spec() {
    return CommandSpec.builder("mydata", "See or delete what this bot keeps about you")
        .inDirectMessages()
        .subcommand(
            CommandSpec.builder("show", "What this bot keeps about you, in every server")
                .handler(this::show)
                .build())
        .subcommand(
            CommandSpec.builder("delete", "Delete what this bot keeps about you, everywhere")
                .handler(this::delete)
                .build())
        .build();
  }

  ComponentSpec component() {
    return ComponentSpec.of(HANDLER, this::clicked);
  }

  private CompletionStage<?> show(CommandInvocation invocation) {
    if (!invocation.isSlash() && invocation.guild() != null) {
      return invocation.reply(
          "What I keep about you covers every server, so I only show it where no one else can"
              + " read it: use `/mydata show`, whose answer only you see, or ask me in a direct"
              + " message.");
    }
    // Shown only to the caller: ephemeral, or in a direct message.
    return data.describe(invocation.user().getIdLong())
        .thenCompose(outcomes -> invocation.reply(Reply.of(report(outcomes)).asEphemeral()));
  }

  static String report(List<Outcome<List<String>>> outcomes) {
    StringBuilder text = new StringBuilder();
    for (Outcome<List<String>> outcome : outcomes) {
      if (outcome.failed()) {
        text.append("**").append(outcome.cog()).append("**: could not be read just now\n");
      } else if (!outcome.value().isEmpty()) {
        text.append("**").append(outcome.cog()).append("**\n");
        outcome.value().forEach(line -> text.append("• ").append(line).append('\n'));
      }
    }
    return text.length() == 0
        ? "I keep nothing about you."
        : "**What I keep about you**\n" + text + "Delete it all with `/mydata delete`.";
  }

  private CompletionStage<?> delete(CommandInvocation invocation) {
    long user = invocation.user().getIdLong();
    long expires = clock.instant().plus(CONFIRM_WITHIN).getEpochSecond();
    Reply ask =
        Reply.of(
                "Delete everything I keep about you, in every server? This cannot be undone."
                    + " (These buttons work for you only, for "
                    + CONFIRM_WITHIN.toMinutes()
                    + " minutes.)")
            .withComponents(
                ActionRow.of(
                    Component.Button.of(
                        ButtonStyle.DANGER, id("delete", user, expires), "Delete my data"),
                    Component.Button.of(
                        ButtonStyle.SECONDARY, id("cancel", user, expires), "Cancel")));
    return invocation.reply(invocation.isSlash() ? ask.asEphemeral() : ask);
  }

  private static String id(String action, long user, long expires) {
    return new ComponentId(BuiltinCommands.COG, HANDLER, action + ":" + user + ":" + expires)
        .customId();
  }

  private CompletionStage<?> clicked(ComponentInvocation click) {
    String[] parts = click.payload().split(":");
    if (parts.length != 3) {
      return click.reply(Reply.of("This button no longer works.").asEphemeral());
    }
    long user = Long.parseLong(parts[1]);
    if (click.user().getIdLong() != user) {
      return click.reply(
          Reply.of("These buttons are for the person who asked; use `mydata delete` yourself.")
              .asEphemeral());
    }
    if (clock.instant().getEpochSecond() > Long.parseLong(parts[2])) {
      return click.updateMessage(
          Reply.of("This request expired; nothing was deleted. Ask again with `mydata delete`."));
    }
    if (parts[0].equals("cancel")) {
      return click.updateMessage(Reply.of("Cancelled; nothing was deleted."));
    }
    // The message may be public (the prefix form): it says only that it is done; what each cog
    // deleted goes to the clicker alone, since it spans servers.
    return click
        .updateMessage(Reply.of("Deleting what I keep about you…"))
        .thenCompose(ignored -> data.delete(user))
        .thenCompose(
            outcomes ->
                click
                    .updateMessage(
                        Reply.of(
                            outcomes.stream().anyMatch(Outcome::failed)
                                ? "Not everything could be deleted just now; ask again later."
                                : "Done: what I kept about you is deleted, everywhere."))
                    .thenCompose(
                        updated -> click.reply(Reply.of(deleted(outcomes, "you")).asEphemeral())));
  }

  /** The result of a deletion about {@code whom} ("you", "user 123"). */
  static String deleted(List<Outcome<Long>> outcomes, String whom) {
    long total = 0;
    StringBuilder failed = new StringBuilder();
    StringBuilder done = new StringBuilder();
    for (Outcome<Long> outcome : outcomes) {
      if (outcome.failed()) {
        failed.append(failed.length() == 0 ? "" : ", ").append(outcome.cog());
      } else if (outcome.value() > 0) {
        total += outcome.value();
        done.append("• ")
            .append(outcome.cog())
            .append(": ")
            .append(outcome.value())
            .append(" item(s)\n");
      }
    }
    String text =
        total == 0 && failed.length() == 0
            ? "Done: I kept nothing about " + whom + "."
            : total == 0 ? "" : "Deleted what I kept about " + whom + ":\n" + done;
    if (failed.length() > 0) {
      text +=
          (text.isEmpty() ? "" : "\n")
              + "Could not delete from "
              + failed
              + " just now; ask again in a while.";
    }
    return text.trim();
  }
}
