package dev.cogworks.music;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code history}: this server's last plays; {@code random-play [n]}: n of them, shuffled. */
final class HistoryCommands {
  static final int SHOWN = 15;
  static final int DEFAULT_RANDOM = 10;

  private final MusicCog cog;

  HistoryCommands(MusicCog cog) {
    this.cog = cog;
  }

  List<CommandSpec> specs() {
    return List.of(
        CommandSpec.builder("history", "This server's last plays").handler(this::history).build(),
        CommandSpec.builder("random-play", "Queue tracks from this server's history, shuffled")
            .option(OptionSpec.optional("count", OptionKind.INTEGER, "how many (default 10)"))
            .handler(this::randomPlay)
            .build());
  }

  private CompletableFuture<?> history(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    return cog.io(() -> cog.store().history(caller.guildId(), SHOWN))
        .thenCompose(
            songs -> {
              if (songs.isEmpty()) {
                return invocation.reply("Nothing has been played here yet.");
              }
              StringBuilder text = new StringBuilder("🕘 Last plays here, newest first:");
              for (int i = 0; i < songs.size(); i++) {
                Song song = songs.get(i);
                text.append("\n")
                    .append(i + 1)
                    .append(". **")
                    .append(song.title())
                    .append("** `")
                    .append(Times.length(song.lengthMs()))
                    .append("`, asked by <@")
                    .append(song.requester())
                    .append(">");
              }
              return invocation.reply(text.toString());
            });
  }

  private CompletableFuture<?> randomPlay(CommandInvocation invocation) {
    Caller caller = cog.caller(invocation);
    long count = invocation.integer("count").orElse((long) DEFAULT_RANDOM);
    if (count < 1 || count > cog.config().queueMax()) {
      throw new CommandException("Ask for 1 to " + cog.config().queueMax() + " tracks.");
    }
    return cog.io(() -> cog.store().distinctHistory(caller.guildId(), 1000))
        .thenCompose(
            songs -> {
              if (songs.isEmpty()) {
                throw new CommandException("Nothing has been played here yet.");
              }
              List<String> sources = new ArrayList<>(songs.stream().map(Song::source).toList());
              Collections.shuffle(sources);
              List<String> picked = sources.subList(0, (int) Math.min(count, sources.size()));
              return new PlayCommand(cog)
                  .play(invocation, caller, new Loader.Plan("the history", picked, true));
            });
  }
}
