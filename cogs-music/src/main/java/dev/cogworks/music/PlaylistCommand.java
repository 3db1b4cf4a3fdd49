package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.track.AudioTrack;
import dev.cogworks.api.command.Choice;
import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code playlist create|list|show|add|remove|rename|delete|queue|save-queue|from-history}: a
 * server's saved playlists. Anyone creates, shows and queues them; their creator and DJs change
 * them.
 */
final class PlaylistCommand {
  static final int MAX_ITEMS = 256;
  static final int MAX_NAME = 64;

  private final MusicCog cog;

  PlaylistCommand(MusicCog cog) {
    this.cog = cog;
  }

  CommandSpec spec() {
    return CommandSpec.builder("playlist", "This server's saved playlists")
        .subcommand(sub("create", "Create an empty playlist", this::create).build())
        .subcommand(
            CommandSpec.builder("list", "The server's playlists").handler(this::list).build())
        .subcommand(sub("show", "The tracks of a playlist", this::show).build())
        .subcommand(
            sub("add", "Add a track, URL or playlist file to a playlist", this::add)
                .option(OptionSpec.required("query", OptionKind.STRING, "a library name or a URL"))
                .build())
        .subcommand(
            sub("remove", "Remove a track from a playlist", this::remove)
                .option(OptionSpec.required("position", OptionKind.INTEGER, "its place"))
                .build())
        .subcommand(
            sub("rename", "Rename a playlist", this::rename)
                .option(OptionSpec.required("new-name", OptionKind.STRING, "its new name"))
                .build())
        .subcommand(sub("delete", "Delete a playlist", this::delete).build())
        .subcommand(sub("queue", "Queue a playlist's tracks", this::queue).build())
        .subcommand(
            sub("save-queue", "Save what plays and waits as a playlist", this::saveQueue).build())
        .subcommand(
            sub("from-history", "Make a playlist of this server's recent plays", this::fromHistory)
                .option(OptionSpec.optional("count", OptionKind.INTEGER, "how many (default 25)"))
                .build())
        .build();
  }

  private CommandSpec.Builder sub(
      String name, String description, dev.cogworks.api.command.CommandHandler handler) {
    return CommandSpec.builder(name, description)
        .option(
            OptionSpec.required("name", OptionKind.STRING, "the playlist's name")
                .withAutocomplete(
                    q ->
                        q.guild() == null
                            ? CompletableFuture.completedFuture(List.<Choice>of())
                            : cog.io(
                                () ->
                                    cog.store().playlists(q.guild().getIdLong()).stream()
                                        .map(MusicStore.PlaylistInfo::name)
                                        .filter(
                                            n ->
                                                n.toLowerCase(Locale.ROOT)
                                                    .contains(q.typed().toLowerCase(Locale.ROOT)))
                                        .limit(25)
                                        .map(Choice::of)
                                        .toList())))
        .handler(handler);
  }

  private static String name(CommandInvocation invocation, String option) {
    String name = invocation.string(option).orElse("").trim();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new CommandException("A playlist's name is 1 to " + MAX_NAME + " characters.");
    }
    return name;
  }

  private CompletableFuture<MusicStore.PlaylistInfo> find(Caller caller, String name) {
    return cog.io(() -> cog.store().playlist(caller.guildId(), name))
        .thenApply(
            found ->
                found.orElseThrow(
                    () -> new CommandException("There is no playlist **" + name + "** here.")));
  }

  private static void mayChange(Caller caller, MusicStore.PlaylistInfo playlist) {
    if (!caller.dj() && playlist.ownerId() != caller.userId()) {
      throw new CommandException(
          "Only <@"
              + playlist.ownerId()
              + ">, who made **"
              + playlist.name()
              + "**, or a DJ can change it.");
    }
  }

  private CompletableFuture<?> create(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    String name = name(invocation, "name");
    return cog.io(() -> cog.store().createPlaylist(caller.guildId(), name, caller.userId()))
        .thenCompose(
            made ->
                invocation.reply(
                    made
                        ? "📃 Created the playlist **" + name + "**."
                        : "There is a playlist **" + name + "** already."));
  }

  private CompletableFuture<?> list(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    return cog.io(() -> cog.store().playlists(caller.guildId()))
        .thenCompose(
            all -> {
              if (all.isEmpty()) {
                return invocation.reply("No playlists here yet: `playlist create <name>`.");
              }
              StringBuilder text = new StringBuilder("📃 Playlists:");
              all.forEach(
                  p ->
                      text.append("\n• **")
                          .append(p.name())
                          .append("**, ")
                          .append(p.size())
                          .append(" tracks, by <@")
                          .append(p.ownerId())
                          .append(">"));
              return invocation.reply(text.toString());
            });
  }

  private CompletableFuture<?> show(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    String name = name(invocation, "name");
    return find(caller, name)
        .thenCompose(
            p -> cog.io(() -> cog.store().items(p.id())).thenApply(items -> render(p, items)))
        .thenCompose(invocation::reply);
  }

  private static String render(MusicStore.PlaylistInfo playlist, List<Song> items) {
    StringBuilder text =
        new StringBuilder("📃 **" + playlist.name() + "**, " + items.size() + " tracks:");
    for (int i = 0; i < items.size() && i < 30; i++) {
      text.append("\n")
          .append(i + 1)
          .append(". **")
          .append(items.get(i).title())
          .append("** `")
          .append(Times.length(items.get(i).lengthMs()))
          .append('`');
    }
    if (items.size() > 30) {
      text.append("\n… and ").append(items.size() - 30).append(" more");
    }
    return text.toString();
  }

  private CompletableFuture<?> add(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    String name = name(invocation, "name");
    String query = invocation.string("query").orElse("");
    return find(caller, name)
        .thenCompose(
            playlist -> {
              mayChange(caller, playlist);
              return cog.io(
                  () -> {
                    List<Song> songs = new ArrayList<>();
                    List<String> failed = new ArrayList<>();
                    try {
                      for (String source : cog.loader().plan(query).sources()) {
                        try {
                          for (AudioTrack track : cog.loader().load(source)) {
                            songs.add(Song.of(source, track, caller.userId()));
                          }
                        } catch (LoadException e) {
                          failed.add(PlayCommand.name(source));
                        }
                      }
                    } catch (LoadException e) {
                      throw new CommandException(e.getMessage());
                    }
                    int added = cog.store().addItems(playlist.id(), songs, MAX_ITEMS);
                    return "📃 Added "
                        + added
                        + " track(s) to **"
                        + playlist.name()
                        + "**"
                        + (added < songs.size() ? " (it is full at " + MAX_ITEMS + ")" : "")
                        + (failed.isEmpty()
                            ? "."
                            : "; could not load: " + String.join(", ", failed));
                  });
            })
        .thenCompose(invocation::reply);
  }

  private CompletableFuture<?> remove(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    String name = name(invocation, "name");
    int position = invocation.integer("position").orElse(0L).intValue();
    return find(caller, name)
        .thenCompose(
            playlist -> {
              mayChange(caller, playlist);
              return cog.io(() -> cog.store().removeItem(playlist.id(), position));
            })
        .thenCompose(
            removed ->
                invocation.reply(
                    removed
                        ? "🗑 Removed track " + position + " from **" + name + "**."
                        : "**" + name + "** has no track " + position + "."));
  }

  private CompletableFuture<?> rename(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    String name = name(invocation, "name");
    String renamed = name(invocation, "new-name");
    return find(caller, name)
        .thenCompose(
            playlist -> {
              mayChange(caller, playlist);
              return cog.io(
                  () -> cog.store().renamePlaylist(playlist.id(), caller.guildId(), renamed));
            })
        .thenCompose(
            done ->
                invocation.reply(
                    done
                        ? "📃 **" + name + "** is now **" + renamed + "**."
                        : "There is a playlist **" + renamed + "** already."));
  }

  private CompletableFuture<?> delete(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    String name = name(invocation, "name");
    return find(caller, name)
        .thenCompose(
            playlist -> {
              mayChange(caller, playlist);
              return cog.io(
                  () -> {
                    cog.store().deletePlaylist(playlist.id());
                    return playlist;
                  });
            })
        .thenCompose(p -> invocation.reply("🗑 Deleted the playlist **" + p.name() + "**."));
  }

  private CompletableFuture<?> queue(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    String name = name(invocation, "name");
    return find(caller, name)
        .thenCompose(
            p ->
                cog.io(() -> cog.store().items(p.id())).thenApply(items -> new Object[] {p, items}))
        .thenCompose(
            pair -> {
              MusicStore.PlaylistInfo playlist = (MusicStore.PlaylistInfo) pair[0];
              @SuppressWarnings("unchecked")
              List<Song> items = (List<Song>) pair[1];
              if (items.isEmpty()) {
                throw new CommandException("**" + playlist.name() + "** is empty.");
              }
              return new PlayCommand(cog)
                  .play(
                      invocation,
                      caller,
                      new Loader.Plan(
                          playlist.name(), items.stream().map(Song::source).toList(), true));
            });
  }

  private CompletableFuture<?> saveQueue(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    String name = name(invocation, "name");
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    List<Song> songs = new ArrayList<>();
    player.current().ifPresent(e -> songs.add(e.song()));
    player.waiting().forEach(e -> songs.add(e.song()));
    if (songs.isEmpty()) {
      throw new CommandException("The queue is empty: nothing to save.");
    }
    return saveAs(invocation, caller, name, songs, "the queue");
  }

  private CompletableFuture<?> fromHistory(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    String name = name(invocation, "name");
    long count = invocation.integer("count").orElse(25L);
    if (count < 1 || count > MAX_ITEMS) {
      throw new CommandException("Ask for 1 to " + MAX_ITEMS + " tracks.");
    }
    return cog.io(() -> cog.store().distinctHistory(caller.guildId(), (int) count))
        .thenCompose(
            songs -> {
              if (songs.isEmpty()) {
                throw new CommandException("Nothing has been played here yet.");
              }
              List<Song> mine = songs.stream().map(s -> s.withRequester(caller.userId())).toList();
              return saveAs(invocation, caller, name, mine, "the history");
            });
  }

  /** Appends songs to the named playlist, creating it if needed. */
  private CompletableFuture<?> saveAs(
      CommandInvocation invocation, Caller caller, String name, List<Song> songs, String what) {
    return cog.io(
            () -> {
              cog.store().createPlaylist(caller.guildId(), name, caller.userId());
              MusicStore.PlaylistInfo playlist =
                  cog.store().playlist(caller.guildId(), name).orElseThrow();
              mayChange(caller, playlist);
              return cog.store().addItems(playlist.id(), songs, MAX_ITEMS);
            })
        .thenCompose(
            added ->
                invocation.reply(
                    "📃 Saved " + added + " track(s) from " + what + " as **" + name + "**."));
  }
}
