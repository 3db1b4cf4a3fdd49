package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.track.AudioTrack;
import dev.cogworks.api.command.Choice;
import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.api.messaging.ProgressMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code play <query|url>}: joins the caller's voice channel and queues what the query names. A
 * playlist (or many entries) shows one progress message, edited in place, naming what failed.
 */
final class PlayCommand {
  private final MusicCog cog;

  PlayCommand(MusicCog cog) {
    this.cog = cog;
  }

  CommandSpec spec() {
    return CommandSpec.builder("play", "Play a library track, a URL or a playlist")
        .option(
            OptionSpec.required("query", OptionKind.STRING, "a name from the library, or a URL")
                .withAutocomplete(
                    q ->
                        CompletableFuture.completedFuture(
                            libraryChoices(cog.library(), q.typed()))))
        .handler(this::play)
        .build();
  }

  static List<Choice> libraryChoices(Library library, String typed) {
    List<String> names = typed.isBlank() ? library.names() : library.search(typed);
    return names.stream()
        .filter(n -> (Loader.LIBRARY + n).length() <= 100)
        .limit(25)
        .map(n -> new Choice(n.length() > 100 ? n.substring(0, 100) : n, Loader.LIBRARY + n))
        .toList();
  }

  private CompletableFuture<?> play(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    String query = invocation.string("query").orElse("");
    long channel = voiceChannel(caller);
    return cog.io(() -> plan(query)).thenCompose(plan -> start(invocation, caller, channel, plan));
  }

  /**
   * Plays a plan (a saved playlist, songs from the history): joins the caller's channel, then
   * queues it.
   */
  CompletableFuture<?> play(CommandInvocation invocation, Caller caller, Loader.Plan plan) {
    return start(invocation, caller, voiceChannel(caller), plan);
  }

  private CompletableFuture<Void> start(
      CommandInvocation invocation, Caller caller, long channel, Loader.Plan plan) {
    return cog.connect(caller, channel)
        .thenCompose(
            p ->
                plan.sources().size() == 1 && !plan.playlist()
                    ? single(invocation, caller, plan.sources().get(0))
                    : many(invocation, caller, plan));
  }

  /** The caller's voice channel, refusing when they are in none or the bot plays elsewhere. */
  private long voiceChannel(Caller caller) {
    OptionalLong channel = cog.voice().channelOf(caller.guildId(), caller.userId());
    if (channel.isEmpty()) {
      throw new CommandException("Join a voice channel first, then ask me to play.");
    }
    OptionalLong botChannel = cog.voice().botChannel(caller.guildId());
    Optional<GuildPlayer> existing = cog.player(caller.guildId());
    if (botChannel.isPresent()
        && botChannel.getAsLong() != channel.getAsLong()
        && existing.map(GuildPlayer::playing).orElse(false)
        && !cog.voice().listeners(caller.guildId(), botChannel.getAsLong()).isEmpty()) {
      throw new CommandException(
          "I am playing in <#" + botChannel.getAsLong() + ">; join there to add music.");
    }
    return channel.getAsLong();
  }

  private Loader.Plan plan(String query) {
    try {
      return cog.loader().plan(query);
    } catch (LoadException e) {
      throw new CommandException(e.getMessage());
    }
  }

  private List<AudioTrack> load(String source) {
    try {
      return cog.loader().load(source);
    } catch (LoadException e) {
      throw new CompletionException(e);
    }
  }

  private CompletableFuture<Void> single(
      CommandInvocation invocation, Caller caller, String source) {
    return cog.io(() -> load(source))
        .handle(
            (tracks, error) -> {
              if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                throw new CommandException(
                    "I could not load that: "
                        + (cause instanceof LoadException
                            ? cause.getMessage()
                            : Loader.reason(cause)));
              }
              return tracks;
            })
        .thenCompose(
            tracks -> {
              GuildPlayer player = cog.playerFor(caller.guildId());
              List<String> lines = new ArrayList<>();
              for (AudioTrack track : tracks) {
                Song song = Song.of(source, track, caller.userId());
                String added = add(player, song, track);
                lines.add(added);
              }
              cog.saveState(player);
              return invocation.reply(String.join("\n", lines)).<Void>thenApply(m -> null);
            });
  }

  /** Queues one track; the line that says what became of it. */
  private String add(GuildPlayer player, Song song, AudioTrack track) {
    Optional<String> tooLong = cog.config().tooLong(track);
    if (tooLong.isPresent()) {
      return "⛔ **" + song.title() + "** is " + tooLong.get() + ".";
    }
    boolean wasIdle = player.current().isEmpty();
    Optional<TrackQueue.Refusal> refused = player.enqueue(new Entry(song, track));
    if (refused.isPresent()) {
      return refusal(refused.get(), player, song);
    }
    return wasIdle
        ? "🎶 Playing **" + song.title() + "** (`" + Times.length(song.lengthMs()) + "`)"
        : "➕ Queued **"
            + song.title()
            + "** (`"
            + Times.length(song.lengthMs())
            + "`) at position "
            + player.queued();
  }

  static String refusal(TrackQueue.Refusal refusal, GuildPlayer player, Song song) {
    return switch (refusal) {
      case FULL ->
          "⛔ The queue is full ("
              + player.limits().max()
              + " tracks): **"
              + song.title()
              + "** was not added.";
      case USER_SHARE ->
          "⛔ You already have "
              + player.limits().perUser()
              + " tracks waiting, your share of the queue: **"
              + song.title()
              + "** was not added.";
    };
  }

  /** Many sources: one progress message, edited as each loads; failures named at the end. */
  private CompletableFuture<Void> many(
      CommandInvocation invocation, Caller caller, Loader.Plan plan) {
    int total = plan.sources().size();
    return invocation
        .reply("📥 Loading **" + total + "** tracks from **" + plan.label() + "**…")
        .thenCompose(ignored -> cog.say(caller.channelId(), progressLine(0, total, 0)))
        .thenCompose(
            sent -> {
              ProgressMessage progress = cog.progress(caller.channelId(), sent.id());
              Batch batch = new Batch(total);
              CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
              for (String source : plan.sources()) {
                chain = chain.thenCompose(v -> loadOne(caller, source, batch, progress));
              }
              return chain.thenCompose(
                  v -> {
                    cog.player(caller.guildId()).ifPresent(cog::saveState);
                    return progress.finish(batch.summary(plan.label()));
                  });
            });
  }

  private CompletableFuture<Void> loadOne(
      Caller caller, String source, Batch batch, ProgressMessage progress) {
    if (batch.stopped != null) {
      batch.failed.add(name(source) + " (" + batch.stopped + ")");
      batch.done++;
      return CompletableFuture.completedFuture(null);
    }
    return cog.io(() -> load(source))
        .handle(
            (tracks, error) -> {
              batch.done++;
              if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                batch.failed.add(
                    name(source)
                        + " ("
                        + (cause instanceof LoadException
                            ? cause.getMessage()
                            : Loader.reason(cause))
                        + ")");
              } else {
                GuildPlayer player = cog.playerFor(caller.guildId());
                for (AudioTrack track : tracks) {
                  Song song = Song.of(source, track, caller.userId());
                  Optional<String> tooLong = cog.config().tooLong(track);
                  if (tooLong.isPresent()) {
                    batch.failed.add(song.title() + " (" + tooLong.get() + ")");
                    continue;
                  }
                  Optional<TrackQueue.Refusal> refused = player.enqueue(new Entry(song, track));
                  if (refused.isPresent()) {
                    batch.stopped =
                        refused.get() == TrackQueue.Refusal.FULL
                            ? "queue full"
                            : "your share is full";
                    batch.failed.add(song.title() + " (" + batch.stopped + ")");
                  } else {
                    batch.loaded++;
                  }
                }
              }
              progress.update(progressLine(batch.done, batch.total, batch.failed.size()));
              return null;
            });
  }

  static String progressLine(int done, int total, int failed) {
    return "📥 Loading " + done + "/" + total + " tracks, " + failed + " failed";
  }

  static String name(String source) {
    String s =
        source.startsWith(Loader.LIBRARY) ? source.substring(Loader.LIBRARY.length()) : source;
    return s.substring(s.lastIndexOf('/') + 1);
  }

  /** How a multi-track load goes. Touched by one loading step at a time (they are chained). */
  private static final class Batch {
    final int total;
    int done;
    int loaded;
    String stopped;
    final List<String> failed = new ArrayList<>();

    Batch(int total) {
      this.total = total;
    }

    String summary(String label) {
      StringBuilder text =
          new StringBuilder("✅ Queued " + loaded + "/" + total + " tracks from **" + label + "**");
      if (!failed.isEmpty()) {
        text.append(", ").append(failed.size()).append(" failed:");
        failed.stream().limit(20).forEach(f -> text.append("\n• ").append(f));
        if (failed.size() > 20) {
          text.append("\n… and ").append(failed.size() - 20).append(" more");
        }
      }
      return text.toString();
    }
  }
}
