package dev.cogworks.core.internal.admin;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.core.internal.config.CogworksConfig.MessagingMode;
import dev.cogworks.core.internal.config.CogworksConfig.QueueType;
import dev.cogworks.core.internal.config.ReloadResult;
import dev.cogworks.core.internal.config.Reloads;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * {@code cogworks reload} and {@code cogworks mode <mode> [engine]} (owners): the configuration
 * while the bot runs. {@code mode} writes nothing: an admin who types it wants the mode now, and a
 * bot that rewrote its owner's file (comments, layout, includes) would surprise more than one that
 * says plainly that the file still decides at the next reload or restart.
 */
public final class ConfigCommands {
  private final Reloads reloads;
  private final Executor io;

  public ConfigCommands(Reloads reloads, Executor io) {
    this.reloads = reloads;
    this.io = io;
  }

  public java.util.List<CommandSpec> subcommands() {
    return java.util.List.of(
        CommandSpec.builder("reload", "Read application.conf again and apply it (owners)")
            .ownerOnly()
            .handler(this::reload)
            .build(),
        CommandSpec.builder("mode", "Switch the messaging mode now, without a restart (owners)")
            .ownerOnly()
            .option(
                OptionSpec.required("mode", OptionKind.STRING, "the messaging mode")
                    .withChoices("direct", "in_process", "external_gateway"))
            .option(
                OptionSpec.optional("engine", OptionKind.STRING, "external_gateway's engine")
                    .withChoices("postgresql", "redis"))
            .handler(this::mode)
            .build());
  }

  private CompletionStage<?> reload(CommandInvocation invocation) {
    return CompletableFuture.supplyAsync(() -> reloads.reload(trigger(invocation)), io)
        .thenCompose(result -> invocation.reply(answer(result)));
  }

  private CompletionStage<?> mode(CommandInvocation invocation) {
    MessagingMode mode = parse(MessagingMode.class, invocation, "mode");
    QueueType engine =
        invocation.string("engine").isPresent()
            ? parse(QueueType.class, invocation, "engine")
            : null;
    if (engine != null && mode != MessagingMode.EXTERNAL_GATEWAY) {
      throw new CommandException("An engine goes with external_gateway only.");
    }
    return CompletableFuture.supplyAsync(
            () -> reloads.switchMode(trigger(invocation), mode, engine), io)
        .thenCompose(
            result ->
                invocation.reply(
                    answer(result)
                        + (result.outcome() == ReloadResult.Outcome.APPLIED
                            ? "\nNothing was written: application.conf still says what it says,"
                                + " and the next reload (an edit of it, SIGHUP, `cogworks reload`)"
                                + " or restart goes back to it. Edit it to keep this mode."
                            : "")));
  }

  private static String answer(ReloadResult result) {
    String text = result.message();
    return text.length() > 1900 ? text.substring(0, 1900) + "…" : text;
  }

  private static String trigger(CommandInvocation invocation) {
    return "owner command by " + invocation.user().getName();
  }

  private static <E extends Enum<E>> E parse(
      Class<E> type, CommandInvocation invocation, String option) {
    String value = invocation.string(option).orElse("").strip();
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase());
      }
      throw new CommandException(
          "`" + value + "` is not a " + option + ": use one of " + allowed + ".");
    }
  }
}
