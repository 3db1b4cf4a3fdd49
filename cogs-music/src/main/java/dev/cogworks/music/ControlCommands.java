package dev.cogworks.music;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * What plays and how: skip, voteskip, stop, pause, resume, now, leave, repeat, volume, seek. DJs
 * and the track's requester skip at once; others vote. Stop and leave are for DJs, for whoever is
 * alone with the bot, and for the requester when every track (playing and waiting) is theirs: then
 * stopping takes nothing from anyone else.
 */
final class ControlCommands {
  private final MusicCog cog;

  ControlCommands(MusicCog cog) {
    this.cog = cog;
  }

  List<CommandSpec> specs() {
    return List.of(
        simple("skip", "Skip the playing track (DJs and its requester; others vote)", this::skip),
        simple("voteskip", "Vote to skip the playing track", this::voteskip),
        simple(
            "stop",
            "Stop, clear the queue and leave (DJs, or whoever asked for every track)",
            this::stop),
        simple("leave", "Leave the voice channel, keeping nothing (DJs)", this::stop),
        simple("pause", "Pause the music", inv -> pause(inv, true)),
        simple("resume", "Resume the music", inv -> pause(inv, false)),
        simple("now", "What is playing, with a progress bar", this::now),
        CommandSpec.builder("repeat", "Repeat nothing, the track, or the whole queue")
            .option(
                OptionSpec.required("mode", OptionKind.STRING, "off, one or all")
                    .withChoices("off", "one", "all"))
            .handler(this::repeat)
            .build(),
        CommandSpec.builder("volume", "Set the volume, 0 to 150")
            .option(OptionSpec.required("level", OptionKind.INTEGER, "0 to 150"))
            .handler(this::volume)
            .build(),
        CommandSpec.builder("seek", "Jump to a time in the playing track")
            .option(OptionSpec.required("time", OptionKind.STRING, "e.g. 1:05, 90 or 1m30s"))
            .handler(this::seek)
            .build());
  }

  private static CommandSpec simple(
      String name, String description, dev.cogworks.api.command.CommandHandler handler) {
    return CommandSpec.builder(name, description).handler(handler).build();
  }

  private CompletableFuture<?> skip(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    Entry current = player.current().orElseThrow(() -> new CommandException("Nothing is playing."));
    if (!caller.dj() && current.song().requester() != caller.userId()) {
      throw new CommandException(
          "Only a DJ or whoever asked for **"
              + current.song().title()
              + "** can skip it; use `voteskip` to vote.");
    }
    player.playNext();
    cog.saveState(player);
    return invocation.reply("⏭ Skipped **" + current.song().title() + "**.");
  }

  private CompletableFuture<?> voteskip(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    Entry current = player.current().orElseThrow(() -> new CommandException("Nothing is playing."));
    List<Long> listeners = cog.listeners(player);
    if (!listeners.contains(caller.userId())) {
      throw new CommandException("Only people listening in my voice channel can vote.");
    }
    int needed = (int) Math.ceil(listeners.size() * cog.config().voteShare());
    int votes = player.vote(caller.userId());
    if (votes >= needed) {
      player.playNext();
      cog.saveState(player);
      return invocation.reply(
          "⏭ Vote passed ("
              + votes
              + "/"
              + needed
              + "): skipped **"
              + current.song().title()
              + "**.");
    }
    return invocation.reply(
        "🗳 Vote to skip **" + current.song().title() + "**: " + votes + "/" + needed + ".");
  }

  private CompletableFuture<?> stop(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    List<Long> listeners = cog.listeners(player);
    boolean alone = listeners.isEmpty() || listeners.equals(List.of(caller.userId()));
    if (!caller.dj() && !alone && !allTheirs(player, caller.userId())) {
      throw new CommandException(
          "Only a DJ can stop the music while others are listening and it holds others' tracks.");
    }
    cog.shutDown(caller.guildId());
    return invocation.reply("⏹ Stopped, cleared the queue and left.");
  }

  /** Whether every track, the playing one and those waiting, was asked for by {@code user}. */
  private static boolean allTheirs(GuildPlayer player, long user) {
    return player.current().map(e -> e.song().requester() == user).orElse(true)
        && player.waiting().stream().allMatch(e -> e.song().requester() == user);
  }

  private CompletableFuture<?> pause(CommandInvocation invocation, boolean paused) {
    Caller caller = cog.caller(invocation);
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    if (player.current().isEmpty()) {
      throw new CommandException("Nothing is playing.");
    }
    player.pause(paused);
    cog.saveState(player);
    return invocation.reply(paused ? "⏸ Paused." : "▶ Resumed.");
  }

  private CompletableFuture<?> now(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    Entry current = player.current().orElseThrow(() -> new CommandException("Nothing is playing."));
    Song song = current.song();
    return invocation.reply(
        (player.paused() ? "⏸ " : "▶ ")
            + "**"
            + song.title()
            + "**\n"
            + Times.bar(player.position(), song.lengthMs())
            + "\nasked by <@"
            + song.requester()
            + "> · volume "
            + player.volume()
            + " · repeat "
            + player.repeat().label()
            + " · "
            + player.queued()
            + " waiting");
  }

  private CompletableFuture<?> repeat(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    String typed = invocation.string("mode").orElse("");
    RepeatMode mode =
        RepeatMode.parse(typed)
            .orElseThrow(() -> new CommandException("Repeat is `off`, `one` or `all`."));
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    player.repeat(mode);
    cog.saveState(player);
    return invocation.reply("🔁 Repeat: **" + mode.label() + "**.");
  }

  private CompletableFuture<?> volume(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    long level = invocation.integer("level").orElse(-1L);
    if (level < 0 || level > 150) {
      throw new CommandException("The volume is a number from 0 to 150.");
    }
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    player.volume((int) level);
    cog.saveState(player);
    return invocation.reply("🔊 Volume " + level + ".");
  }

  private CompletableFuture<?> seek(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    String typed = invocation.string("time").orElse("");
    OptionalLong millis = Times.parse(typed);
    if (millis.isEmpty()) {
      throw new CommandException("Give a time such as `1:05`, `90` or `1m30s`.");
    }
    GuildPlayer player = cog.playerOrRefuse(caller.guildId());
    if (!player.seek(millis.getAsLong())) {
      throw new CommandException("The playing track cannot be seeked.");
    }
    return invocation.reply("⏩ Jumped to " + Times.format(millis.getAsLong()) + ".");
  }
}
