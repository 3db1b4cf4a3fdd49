package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.AutocompleteQuery;
import dev.cogworks.api.command.Choice;
import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.api.settings.InvalidSettingException;
import dev.cogworks.core.internal.settings.CogSwitches;
import dev.cogworks.core.internal.settings.DeclaredSetting;
import dev.cogworks.core.internal.settings.SettingsCatalog;
import dev.cogworks.core.internal.settings.SettingsStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;

/**
 * {@code settings show [cog]}, {@code settings set <key> <value>}, {@code settings reset <key>}: a
 * server's admins (Manage Server) read and change its settings. Keys and values are suggested while
 * typed; a value the setting does not allow is refused with the key and what is allowed.
 */
final class SettingsCommand {
  private static final int MAX_SUGGESTIONS = 25;

  private final SettingsCatalog catalog;
  private final SettingsStore store;
  private final CogSwitches switches;

  SettingsCommand(SettingsCatalog catalog, SettingsStore store, CogSwitches switches) {
    this.catalog = catalog;
    this.store = store;
    this.switches = switches;
  }

  CommandSpec spec() {
    OptionSpec key =
        OptionSpec.required("key", OptionKind.STRING, "the setting, such as core.prefixes")
            .withAutocomplete(this::suggestKeys);
    return CommandSpec.builder("settings", "Show or change this server's settings")
        .requires(Permission.MANAGE_SERVER)
        .subcommand(
            CommandSpec.builder("show", "Show this server's settings")
                .option(
                    OptionSpec.optional("cog", OptionKind.STRING, "only this cog's settings")
                        .withAutocomplete(this::suggestCogs))
                .handler(this::show)
                .build())
        .subcommand(
            CommandSpec.builder("set", "Change one of this server's settings")
                .option(key)
                .option(
                    OptionSpec.required("value", OptionKind.STRING, "the new value")
                        .withAutocomplete(this::suggestValues))
                .handler(this::set)
                .build())
        .subcommand(
            CommandSpec.builder("reset", "Put one of this server's settings back to its default")
                .option(key)
                .handler(this::reset)
                .build())
        .build();
  }

  private CompletionStage<?> show(CommandInvocation invocation) {
    Guild guild = BuiltinCommands.guildOf(invocation);
    String prefix = invocation.prefix();
    List<DeclaredSetting> settings;
    var cog = invocation.string("cog").map(c -> c.trim().toLowerCase(Locale.ROOT));
    if (cog.isPresent()) {
      settings = catalog.ofCog(cog.get());
      if (settings.isEmpty()) {
        throw new CommandException(
            "No cog `"
                + shown(cog.get())
                + "` has settings. Cogs with settings: "
                + String.join(", ", cogs())
                + ".");
      }
    } else {
      settings = catalog.all();
    }
    Map<String, StringBuilder> byCog = new LinkedHashMap<>();
    for (DeclaredSetting d : settings) {
      StringBuilder lines = byCog.computeIfAbsent(d.cog(), c -> new StringBuilder());
      Object value = store.get(guild.getIdLong(), d);
      lines
          .append('`')
          .append(d.key())
          .append("` = ")
          .append(d.display(value))
          .append(store.isSet(guild.getIdLong(), d) ? "" : " (default)")
          .append(" — ")
          .append(d.setting().description())
          .append('\n');
    }
    StringBuilder text =
        new StringBuilder("**Settings of this server** (change one with `")
            .append(prefix)
            .append("settings set <key> <value>`)\n");
    byCog.forEach(
        (name, lines) -> {
          text.append("\n**").append(name).append("**");
          if (!switches.enabled(guild.getIdLong(), name)) {
            text.append(" (turned off here)");
          }
          text.append('\n').append(lines);
        });
    return invocation.reply(text.toString().trim());
  }

  private CompletionStage<?> set(CommandInvocation invocation) {
    Guild guild = BuiltinCommands.guildOf(invocation);
    DeclaredSetting declared = find(invocation);
    String typed = invocation.string("value").orElse("");
    Object value;
    try {
      value = declared.setting().type().parse(typed, guild);
    } catch (InvalidSettingException e) {
      throw new CommandException(
          "`" + declared.key() + "` " + e.getMessage() + "; got `" + shown(typed) + "`.");
    }
    String before = declared.display(store.get(guild.getIdLong(), declared));
    return store
        .set(guild.getIdLong(), declared, value)
        .thenCompose(
            done ->
                invocation.reply(
                    "`"
                        + declared.key()
                        + "` is now "
                        + declared.display(value)
                        + " (was "
                        + before
                        + ")."));
  }

  private CompletionStage<?> reset(CommandInvocation invocation) {
    Guild guild = BuiltinCommands.guildOf(invocation);
    DeclaredSetting declared = find(invocation);
    if (!store.isSet(guild.getIdLong(), declared)) {
      return invocation.reply(
          "`"
              + declared.key()
              + "` already has its default here: "
              + declared.display(declared.defaultValue())
              + ".");
    }
    return store
        .reset(guild.getIdLong(), declared)
        .thenCompose(
            done ->
                invocation.reply(
                    "`"
                        + declared.key()
                        + "` is back to its default: "
                        + declared.display(declared.defaultValue())
                        + "."));
  }

  private DeclaredSetting find(CommandInvocation invocation) {
    String key = invocation.string("key").orElse("").trim().toLowerCase(Locale.ROOT);
    return catalog
        .find(key)
        .orElseThrow(
            () -> {
              String hint = closest(key).map(k -> " Did you mean `" + k + "`?").orElse("");
              return new CommandException(
                  "Unknown setting `"
                      + shown(key)
                      + "`."
                      + hint
                      + " See them all with `"
                      + invocation.prefix()
                      + "settings show`.");
            });
  }

  /** A key sharing the typed name's last part, or starting with what was typed. */
  private java.util.Optional<String> closest(String typed) {
    String tail = typed.contains(".") ? typed.substring(typed.lastIndexOf('.') + 1) : typed;
    return catalog.all().stream()
        .map(DeclaredSetting::key)
        .filter(k -> !tail.isEmpty() && (k.endsWith("." + tail) || k.startsWith(typed)))
        .findFirst();
  }

  private List<String> cogs() {
    return catalog.all().stream().map(DeclaredSetting::cog).distinct().toList();
  }

  private CompletionStage<List<Choice>> suggestKeys(AutocompleteQuery query) {
    String typed = query.typed().trim().toLowerCase(Locale.ROOT);
    List<String> keys = catalog.all().stream().map(DeclaredSetting::key).toList();
    return done(matching(keys.stream(), typed));
  }

  private CompletionStage<List<Choice>> suggestCogs(AutocompleteQuery query) {
    return done(matching(cogs().stream(), query.typed().trim().toLowerCase(Locale.ROOT)));
  }

  /** The values the chosen setting's type suggests, in this server. */
  private CompletionStage<List<Choice>> suggestValues(AutocompleteQuery query) {
    var declared = query.other("key").flatMap(k -> catalog.find(k.trim().toLowerCase(Locale.ROOT)));
    if (declared.isEmpty() || query.guild() == null) {
      return done(List.of());
    }
    List<String> values = declared.get().setting().type().suggestions(query.guild());
    return done(matching(values.stream(), query.typed().trim().toLowerCase(Locale.ROOT)));
  }

  /** Those starting with what was typed, then those containing it. */
  private static List<String> matching(Stream<String> candidates, String typed) {
    List<String> all = candidates.toList();
    return Stream.concat(
            all.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(typed)),
            all.stream()
                .filter(
                    c -> {
                      String lower = c.toLowerCase(Locale.ROOT);
                      return !lower.startsWith(typed) && lower.contains(typed);
                    }))
        .limit(MAX_SUGGESTIONS)
        .toList();
  }

  private static CompletionStage<List<Choice>> done(List<String> values) {
    return CompletableFuture.completedFuture(
        values.stream().filter(v -> v.length() <= 100).map(Choice::of).toList());
  }

  /** What was typed, safe inside backticks and short. */
  static String shown(String typed) {
    String safe = typed.replace("`", "'").replace("\n", " ");
    return safe.length() > 80 ? safe.substring(0, 80) + "…" : safe;
  }
}
