package dev.cogworks.core.internal.command;

import dev.cogworks.api.Cog;
import dev.cogworks.api.command.AutocompleteQuery;
import dev.cogworks.api.command.Choice;
import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.core.internal.settings.CogSwitches;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;

/**
 * {@code cog list}, {@code cog enable <cog>}, {@code cog disable <cog>}: a server's admins (Manage
 * Server) choose which cogs answer in their server. A cog turned off there does not answer, and its
 * slash commands leave the server's list (registered per guild; with global registration Discord
 * cannot hide them from one server, so they stay listed and say they are off).
 */
final class CogCommand {
  private final CogSwitches switches;
  private final Supplier<List<Cog>> running;
  private final CommandRegistry registry;
  private final Function<Guild, CompletableFuture<Boolean>> resync;

  /**
   * @param running the cogs that loaded (known once they did)
   * @param resync registers the server's slash commands again if they changed; completes with
   *     whether it did (false with global registration)
   */
  CogCommand(
      CogSwitches switches,
      Supplier<List<Cog>> running,
      CommandRegistry registry,
      Function<Guild, CompletableFuture<Boolean>> resync) {
    this.switches = switches;
    this.running = running;
    this.registry = registry;
    this.resync = resync;
  }

  CommandSpec spec() {
    OptionSpec cog =
        OptionSpec.required("cog", OptionKind.STRING, "the cog's name")
            .withAutocomplete(this::suggest);
    return CommandSpec.builder("cog", "Turn cogs on or off in this server")
        .requires(Permission.MANAGE_SERVER)
        .subcommand(
            CommandSpec.builder("list", "Which cogs are on in this server")
                .handler(this::list)
                .build())
        .subcommand(
            CommandSpec.builder("enable", "Turn a cog on in this server")
                .option(cog)
                .handler(i -> turn(i, true))
                .build())
        .subcommand(
            CommandSpec.builder("disable", "Turn a cog off in this server")
                .option(cog)
                .handler(i -> turn(i, false))
                .build())
        .build();
  }

  private CompletionStage<?> list(CommandInvocation invocation) {
    long guild = BuiltinCommands.guildOf(invocation).getIdLong();
    StringBuilder text = new StringBuilder("**Cogs in this server**\n");
    for (Cog cog : running.get()) {
      boolean on = switches.enabled(guild, cog.name());
      text.append(on ? "🟢 `" : "⚪ `")
          .append(cog.name())
          .append("` ")
          .append(on ? "on" : "off")
          .append(switches.chosen(guild, cog.name()).isPresent() ? "" : " (default)")
          .append(cog.description().isEmpty() ? "" : " — " + cog.description())
          .append('\n');
    }
    if (running.get().isEmpty()) {
      text.append("No cogs are loaded; the core's commands are always on.\n");
    }
    text.append("Change with `")
        .append(invocation.prefix())
        .append("cog enable <cog>` or `")
        .append(invocation.prefix())
        .append("cog disable <cog>`.");
    return invocation.reply(text.toString());
  }

  private CompletionStage<?> turn(CommandInvocation invocation, boolean on) {
    Guild guild = BuiltinCommands.guildOf(invocation);
    String name = invocation.string("cog").orElse("").trim().toLowerCase(Locale.ROOT);
    if (name.equals(BuiltinCommands.COG)) {
      throw new CommandException("The core is always on: it holds `help`, `settings` and `cog`.");
    }
    if (running.get().stream().noneMatch(c -> c.name().equals(name))) {
      throw new CommandException(
          "No cog `"
              + SettingsCommand.shown(name)
              + "`. Cogs: "
              + String.join(", ", names())
              + ". See `"
              + invocation.prefix()
              + "cog list`.");
    }
    if (switches.enabled(guild.getIdLong(), name) == on) {
      return invocation.reply("`" + name + "` is already " + (on ? "on" : "off") + " here.");
    }
    long commands = registry.all().stream().filter(c -> c.cog().equals(name)).count();
    return switches
        .set(guild.getIdLong(), name, on)
        .thenCompose(done -> resync.apply(guild).exceptionally(failure -> false))
        .thenCompose(
            registered ->
                invocation.reply(
                    "`"
                        + name
                        + "` is "
                        + (on ? "on" : "off")
                        + " in this server now"
                        + (commands == 0
                            ? "."
                            : registered
                                ? (on
                                    ? ": its " + commands + " command(s) are back in the list."
                                    : ": its " + commands + " command(s) left the list.")
                                : ".")));
  }

  private List<String> names() {
    return running.get().stream().map(Cog::name).toList();
  }

  private CompletionStage<List<Choice>> suggest(AutocompleteQuery query) {
    String typed = query.typed().trim().toLowerCase(Locale.ROOT);
    return CompletableFuture.completedFuture(
        names().stream().filter(n -> n.contains(typed)).limit(25).map(Choice::of).toList());
  }
}
