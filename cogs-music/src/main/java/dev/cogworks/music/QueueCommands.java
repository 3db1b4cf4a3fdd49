package dev.cogworks.music;

import dev.cogworks.api.command.Choice;
import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** The queue and its edits: queue (paged), remove, bump, move, shuffle, clear. */
final class QueueCommands {
  static final int PAGE = 10;

  private final MusicCog cog;
  private final Random random = new Random();

  QueueCommands(MusicCog cog) {
    this.cog = cog;
  }

  List<CommandSpec> specs() {
    return List.of(
        CommandSpec.builder("queue", "What is playing and what waits")
            .option(OptionSpec.optional("page", OptionKind.INTEGER, "the page, 10 tracks each"))
            .handler(this::queue)
            .build(),
        CommandSpec.builder("remove", "Remove a track from the queue (DJs, or your own)")
            .option(position("position", "the track's place in the queue"))
            .handler(this::remove)
            .build(),
        CommandSpec.builder("bump", "Move a track to the front of the queue")
            .option(position("position", "the track's place in the queue"))
            .handler(this::bump)
            .build(),
        CommandSpec.builder("move", "Move a track to another place in the queue")
            .option(position("from", "the track's place now"))
            .option(position("to", "its new place"))
            .handler(this::move)
            .build(),
        CommandSpec.builder("shuffle", "Shuffle the queue").handler(this::shuffle).build(),
        CommandSpec.builder("clear", "Empty the queue (DJs)").handler(this::clear).build());
  }

  private OptionSpec position(String name, String description) {
    return OptionSpec.required(name, OptionKind.INTEGER, description)
        .withAutocomplete(
            q -> {
              List<Choice> choices = new ArrayList<>();
              if (q.guild() != null) {
                List<Entry> waiting =
                    cog.player(q.guild().getIdLong()).map(GuildPlayer::waiting).orElse(List.of());
                for (int i = 0; i < waiting.size() && choices.size() < 25; i++) {
                  String label = (i + 1) + ". " + waiting.get(i).song().title();
                  if (q.typed().isBlank() || label.contains(q.typed())) {
                    choices.add(
                        Choice.of(label.length() > 100 ? label.substring(0, 100) : label, i + 1L));
                  }
                }
              }
              return CompletableFuture.completedFuture(choices);
            });
  }

  private CompletableFuture<?> queue(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    List<Entry> waiting = player.waiting();
    int pages = Math.max(1, (waiting.size() + PAGE - 1) / PAGE);
    int page = (int) Math.max(1, Math.min(pages, invocation.integer("page").orElse(1L)));
    return invocation.reply(render(player, waiting, page, pages));
  }

  static String render(GuildPlayer player, List<Entry> waiting, int page, int pages) {
    StringBuilder text = new StringBuilder();
    player
        .current()
        .ifPresentOrElse(
            e ->
                text.append("▶ **")
                    .append(e.song().title())
                    .append("** ")
                    .append(Times.bar(player.position(), e.song().lengthMs()))
                    .append('\n'),
            () -> text.append("Nothing is playing.\n"));
    if (waiting.isEmpty()) {
      return text.append("The queue is empty.").toString();
    }
    long wait =
        player.current().map(e -> Math.max(0, e.song().lengthMs() - player.position())).orElse(0L);
    for (int i = 0; i < waiting.size(); i++) {
      Song song = waiting.get(i).song();
      if (i >= (page - 1) * PAGE && i < page * PAGE) {
        text.append(i + 1)
            .append(". **")
            .append(song.title())
            .append("** `")
            .append(Times.length(song.lengthMs()))
            .append("` in ")
            .append(Times.format(wait))
            .append(", asked by <@")
            .append(song.requester())
            .append(">\n");
      }
      wait += Math.max(0, song.lengthMs());
    }
    return text.append("Page ")
        .append(page)
        .append('/')
        .append(pages)
        .append(" · ")
        .append(waiting.size())
        .append(" waiting · repeat ")
        .append(player.repeat().label())
        .toString();
  }

  private int position(CommandInvocation invocation, String option, GuildPlayer player) {
    long value = invocation.integer(option).orElse(0L);
    if (value < 1 || value > player.queued()) {
      throw new CommandException(
          player.queued() == 0
              ? "The queue is empty."
              : "Positions go from 1 to " + player.queued() + ".");
    }
    return (int) value;
  }

  private CompletableFuture<?> remove(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    int at = position(invocation, "position", player);
    Entry entry = player.at(at).orElseThrow();
    if (!caller.dj() && entry.song().requester() != caller.userId()) {
      throw new CommandException("Only a DJ or whoever asked for a track can remove it.");
    }
    player.remove(at);
    cog.saveState(player);
    return invocation.reply("🗑 Removed **" + entry.song().title() + "**.");
  }

  private CompletableFuture<?> bump(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    Entry entry = player.bump(position(invocation, "position", player)).orElseThrow();
    cog.saveState(player);
    return invocation.reply("⏫ **" + entry.song().title() + "** plays next.");
  }

  private CompletableFuture<?> move(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    int from = position(invocation, "from", player);
    int to = position(invocation, "to", player);
    Entry entry = player.move(from, to).orElseThrow();
    cog.saveState(player);
    return invocation.reply("↕ Moved **" + entry.song().title() + "** to position " + to + ".");
  }

  private CompletableFuture<?> shuffle(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    player.shuffle(random);
    cog.saveState(player);
    return invocation.reply("🔀 Shuffled " + player.queued() + " tracks.");
  }

  private CompletableFuture<?> clear(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    if (!caller.dj()) {
      throw new CommandException("Only a DJ can clear the queue.");
    }
    int cleared = player.clear();
    cog.saveState(player);
    return invocation.reply("🧹 Cleared " + cleared + " tracks.");
  }
}
