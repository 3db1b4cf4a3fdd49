package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.api.data.ServerData;
import dev.cogworks.api.data.UserData;
import dev.cogworks.api.settings.Setting;
import dev.cogworks.api.settings.SettingTypes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A test cog with per-server settings of three types, and data about users (its entries) and
 * servers: what the settings, {@code mydata} and server retention tests act on.
 */
public final class DiaryCog extends CogHelper implements UserData, ServerData {
  public static final Setting<Long> MAX_ENTRIES =
      Setting.of("max_entries", SettingTypes.integer(1, 50), "entries one person may keep here");
  public static final Setting<String> TITLE =
      Setting.of("title", SettingTypes.text(40), "what the diary is called");
  public static final Setting<Optional<Long>> READER_ROLE =
      Setting.of("reader_role", SettingTypes.role(), "a role that may read anyone's diary");

  @Override
  public String name() {
    return "diary";
  }

  @Override
  public String description() {
    return "Keep a short diary";
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(MAX_ENTRIES, TITLE, READER_ROLE);
  }

  @Override
  public Optional<UserData> userData() {
    return Optional.of(this);
  }

  @Override
  public Optional<ServerData> serverData() {
    return Optional.of(this);
  }

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("diary", "Your diary in this server")
            .subcommand(
                CommandSpec.builder("add", "Write an entry")
                    .option(OptionSpec.required("text", OptionKind.STRING, "the entry"))
                    .handler(this::add)
                    .build())
            .subcommand(
                CommandSpec.builder("read", "Read your entries").handler(this::read).build())
            .build());
  }

  private CompletionStage<?> add(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    long user = inv.user().getIdLong();
    long max = settings(guild).get(MAX_ENTRIES);
    String title = settings(guild).get(TITLE);
    String text = inv.string("text").orElseThrow();
    return context()
        .blocking(
            () ->
                context()
                    .jdbi()
                    .inTransaction(
                        h -> {
                          long count =
                              h.createQuery(
                                      "SELECT count(*) FROM diary_entries"
                                          + " WHERE guild_id = ? AND user_id = ?")
                                  .bind(0, guild)
                                  .bind(1, user)
                                  .mapTo(Long.class)
                                  .one();
                          if (count >= max) {
                            return -1L;
                          }
                          h.execute(
                              "INSERT INTO diary_entries (guild_id, user_id, text) VALUES (?, ?, ?)",
                              guild,
                              user,
                              text);
                          return count + 1;
                        }))
        .thenCompose(
            n ->
                inv.reply(
                    n < 0
                        ? title + " is full here (" + max + " entries)."
                        : title + ": entry " + n + " of " + max + " saved."));
  }

  private CompletionStage<?> read(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    String title = settings(guild).get(TITLE);
    return context()
        .blocking(
            () ->
                context()
                    .jdbi()
                    .withHandle(
                        h ->
                            h.createQuery(
                                    "SELECT text FROM diary_entries"
                                        + " WHERE guild_id = ? AND user_id = ? ORDER BY id")
                                .bind(0, guild)
                                .bind(1, inv.user().getIdLong())
                                .mapTo(String.class)
                                .list()))
        .thenCompose(
            entries ->
                inv.reply(
                    entries.isEmpty()
                        ? title + " is empty."
                        : title + ": " + String.join(" | ", entries)));
  }

  @Override
  public List<String> describe(long userId) {
    List<Long> perServer =
        context()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(*) FROM diary_entries WHERE user_id = ?"
                                + " GROUP BY guild_id")
                        .bind(0, userId)
                        .mapTo(Long.class)
                        .list());
    long total = perServer.stream().mapToLong(Long::longValue).sum();
    return total == 0
        ? List.of()
        : List.of(total + " diary entries in " + perServer.size() + " server(s)");
  }

  @Override
  public long delete(long userId) {
    return context()
        .jdbi()
        .withHandle(h -> h.execute("DELETE FROM diary_entries WHERE user_id = ?", userId));
  }

  @Override
  public void deleteServer(long guildId) {
    context()
        .jdbi()
        .useHandle(h -> h.execute("DELETE FROM diary_entries WHERE guild_id = ?", guildId));
  }
}
