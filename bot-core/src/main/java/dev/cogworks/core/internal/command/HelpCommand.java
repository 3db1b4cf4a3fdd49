package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.AutocompleteQuery;
import dev.cogworks.api.command.Choice;
import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandGroup;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.User;

/**
 * {@code help}: the commands by cog, or one command with its groups, subcommands and options.
 * Owner-only commands are shown to the bot's owners only. Its {@code command} option suggests
 * command names as they are typed.
 */
final class HelpCommand {
  private static final int MAX_SUGGESTIONS = 25;

  private final CommandRegistry registry;
  private final CommandAccess access;

  HelpCommand(CommandRegistry registry, CommandAccess access) {
    this.registry = registry;
    this.access = access;
  }

  CommandSpec spec() {
    return CommandSpec.builder("help", "List the commands, or explain one")
        .inDirectMessages()
        .option(
            OptionSpec.optional("command", OptionKind.STRING, "a command to explain")
                .withAutocomplete(this::suggest))
        .handler(this::help)
        .build();
  }

  /** Names starting with what was typed, then names containing it. */
  private CompletionStage<List<Choice>> suggest(AutocompleteQuery query) {
    String typed = query.typed().trim().replaceFirst("^[/!]", "").toLowerCase(Locale.ROOT);
    List<String> names = visible(query.user(), query.guild()).map(c -> c.spec().name()).toList();
    List<Choice> choices =
        Stream.concat(
                names.stream().filter(n -> n.startsWith(typed)),
                names.stream().filter(n -> !n.startsWith(typed) && n.contains(typed)))
            .limit(MAX_SUGGESTIONS)
            .map(Choice::of)
            .toList();
    return CompletableFuture.completedFuture(choices);
  }

  private Stream<RegisteredCommand> visible(User user, Guild guild) {
    return registry.all().stream().filter(c -> access.sees(c, user, guild));
  }

  private CompletionStage<?> help(CommandInvocation invocation) {
    String prefix = invocation.prefix();
    User user = invocation.user();
    var asked = invocation.string("command");
    if (asked.isPresent()) {
      String name = asked.get().replaceFirst("^[/!]", "").trim().split("\\s+")[0];
      RegisteredCommand command =
          registry
              .find(name.toLowerCase(Locale.ROOT))
              .filter(c -> access.sees(c, user, invocation.guild()))
              .orElseThrow(
                  () ->
                      new CommandException(
                          "No command `" + name + "`. Try `" + prefix + "help` for the list."));
      return invocation.reply(detail(prefix, command, s -> access.sees(s, user)));
    }
    Map<String, List<RegisteredCommand>> byCog = new LinkedHashMap<>();
    visible(user, invocation.guild())
        .forEach(c -> byCog.computeIfAbsent(c.cog(), k -> new ArrayList<>()).add(c));
    StringBuilder text =
        new StringBuilder("**Commands** (use `" + prefix + "help <command>` for details)\n");
    byCog.forEach(
        (cog, commands) -> {
          text.append("\n**").append(cog).append("**\n");
          for (RegisteredCommand command : commands) {
            CommandSpec spec = command.spec();
            text.append('`').append(prefix).append(spec.name()).append("` — ");
            text.append(spec.description());
            List<String> subs = subcommandNames(spec, s -> access.sees(s, user));
            if (!subs.isEmpty()) {
              text.append(": ").append(String.join(", ", subs));
            }
            text.append('\n');
          }
        });
    return invocation.reply(text.toString().trim());
  }

  /** {@code `list`, `self-serve add`, `self-serve remove`}. */
  private static List<String> subcommandNames(CommandSpec spec, Predicate<CommandSpec> visible) {
    List<String> names = new ArrayList<>();
    spec.subcommands().stream().filter(visible).forEach(s -> names.add("`" + s.name() + "`"));
    for (CommandGroup group : spec.groups()) {
      group.subcommands().stream()
          .filter(visible)
          .forEach(s -> names.add("`" + group.name() + " " + s.name() + "`"));
    }
    return names;
  }

  private static String detail(
      String prefix, RegisteredCommand command, Predicate<CommandSpec> visible) {
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
    if (spec.handler() != null) {
      text.append("Usage: `").append(prefix).append(spec.usage()).append("`\n");
      spec.options().forEach(o -> text.append(describe(o)));
    }
    String path = prefix + spec.name();
    spec.subcommands().stream().filter(visible).forEach(sub -> text.append(subcommand(path, sub)));
    for (CommandGroup group : spec.groups()) {
      List<CommandSpec> subs = group.subcommands().stream().filter(visible).toList();
      if (subs.isEmpty()) {
        continue;
      }
      text.append("**")
          .append(group.name())
          .append("** — ")
          .append(group.description())
          .append(notes(group.requiredPermissions(), false))
          .append('\n');
      subs.forEach(sub -> text.append(subcommand(path + " " + group.name(), sub)));
    }
    if (!spec.requiredPermissions().isEmpty()) {
      text.append("Needs: ").append(names(spec.requiredPermissions())).append('\n');
    }
    if (spec.ownerOnly()) {
      text.append("For the bot's owners only.\n");
    }
    return text.toString().trim();
  }

  private static String subcommand(String path, CommandSpec sub) {
    StringBuilder text = new StringBuilder();
    text.append('`')
        .append(path)
        .append(' ')
        .append(sub.usage())
        .append("` — ")
        .append(sub.description())
        .append(notes(sub.requiredPermissions(), sub.ownerOnly()))
        .append('\n');
    sub.options().forEach(o -> text.append(describe(o)));
    return text.toString();
  }

  /** {@code " (needs Manage Roles; owners only)"}, or nothing. */
  private static String notes(Set<Permission> permissions, boolean ownerOnly) {
    List<String> notes = new ArrayList<>();
    if (!permissions.isEmpty()) {
      notes.add("needs " + names(permissions));
    }
    if (ownerOnly) {
      notes.add("owners only");
    }
    return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
  }

  private static String names(Set<Permission> permissions) {
    return permissions.stream().map(Permission::getName).collect(Collectors.joining(", "));
  }

  private static String describe(OptionSpec option) {
    String choices =
        option.choices().isEmpty() ? "" : " (one of " + String.join(", ", option.choices()) + ")";
    return "• `"
        + option.name()
        + "` "
        + option.kind().label()
        + (option.required() ? "" : ", optional")
        + " — "
        + option.description()
        + choices
        + "\n";
  }
}
