package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.api.command.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;

/** The platform's own commands: {@code ping} and {@code help}. */
public final class BuiltinCommands {
  public static final String COG = "core";

  private final CommandRegistry registry;

  public BuiltinCommands(CommandRegistry registry) {
    this.registry = registry;
  }

  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("ping", "Show the bot's gateway latency and its reply round trip")
            .handler(this::ping)
            .build(),
        CommandSpec.builder("help", "List the commands, or explain one")
            .option(OptionSpec.optional("command", OptionKind.STRING, "a command to explain"))
            .handler(this::help)
            .build());
  }

  /**
   * Answers at once, then edits the answer with the round trip it took: the latency a user sees,
   * through the messaging queue of whatever mode the bot runs in.
   */
  private CompletionStage<?> ping(CommandInvocation invocation) {
    long gateway = invocation.user().getJDA().getGatewayPing();
    long start = System.nanoTime();
    String pong = "Pong! Gateway " + gateway + " ms";
    return invocation
        .reply(pong + ".")
        .thenCompose(
            sent ->
                invocation.editReply(
                    Reply.of(
                        pong
                            + ", reply round trip "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                            + " ms.")));
  }

  private CompletionStage<?> help(CommandInvocation invocation) {
    String prefix = invocation.prefix();
    var asked = invocation.string("command");
    if (asked.isPresent()) {
      String name = asked.get().replaceFirst("^[/!]", "").trim().split("\\s+")[0];
      RegisteredCommand command =
          registry
              .find(name)
              .orElseThrow(
                  () ->
                      new CommandException(
                          "No command `" + name + "`. Try `" + prefix + "help` for the list."));
      return invocation.reply(detail(prefix, command));
    }
    Map<String, List<RegisteredCommand>> byCog = new LinkedHashMap<>();
    registry
        .all()
        .forEach(c -> byCog.computeIfAbsent(c.cog(), k -> new java.util.ArrayList<>()).add(c));
    StringBuilder text =
        new StringBuilder("**Commands** (use `" + prefix + "help <command>` for details)\n");
    byCog.forEach(
        (cog, commands) -> {
          text.append("\n**").append(cog).append("**\n");
          commands.forEach(
              c ->
                  text.append("`")
                      .append(prefix)
                      .append(c.spec().name())
                      .append("` — ")
                      .append(c.spec().description())
                      .append('\n'));
        });
    return invocation.reply(text.toString().trim());
  }

  private static String detail(String prefix, RegisteredCommand command) {
    CommandSpec spec = command.spec();
    StringBuilder text = new StringBuilder();
    text.append("**")
        .append(prefix)
        .append(spec.name())
        .append("** — ")
        .append(spec.description())
        .append(" (")
        .append(command.cog())
        .append(")\n");
    if (spec.subcommands().isEmpty()) {
      text.append("Usage: `").append(prefix).append(spec.usage()).append("`\n");
      spec.options().forEach(o -> text.append(describe(o)));
    } else {
      for (CommandSpec sub : spec.subcommands()) {
        text.append("`")
            .append(prefix)
            .append(spec.name())
            .append(' ')
            .append(sub.usage())
            .append("` — ")
            .append(sub.description())
            .append('\n');
        sub.options().forEach(o -> text.append(describe(o)));
      }
    }
    if (!spec.requiredPermissions().isEmpty()) {
      text.append("Needs: ")
          .append(
              spec.requiredPermissions().stream()
                  .map(Permission::getName)
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    return text.toString().trim();
  }

  private static String describe(OptionSpec option) {
    String choices =
        option.choices().isEmpty() ? "" : " (one of " + String.join(", ", option.choices()) + ")";
    return "• `"
        + option.name()
        + "` "
        + option.kind().name().toLowerCase()
        + (option.required() ? "" : ", optional")
        + " — "
        + option.description()
        + choices
        + "\n";
  }
}
