package dev.cogworks.markov;

import dev.cogworks.api.CogContext;
import dev.cogworks.api.command.CommandGroup;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.markov.MarkovStore.ChannelRow;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;

/**
 * {@code markov on|off|channels|stats|forget-me|opt-out|opt-in} and {@code markov blocklist
 * add|remove|list}: what is learned where, and from whom.
 */
final class MarkovCommand {
  private final MarkovCog cog;

  MarkovCommand(MarkovCog cog) {
    this.cog = cog;
  }

  CommandSpec spec() {
    return CommandSpec.builder("markov", "What the bot learns from this server")
        .subcommand(
            CommandSpec.builder("on", "Learn from this channel")
                .requires(Permission.MANAGE_CHANNEL)
                .handler(this::on)
                .build())
        .subcommand(
            CommandSpec.builder("off", "Stop learning from this channel")
                .requires(Permission.MANAGE_CHANNEL)
                .option(
                    OptionSpec.optional(
                        "forget", OptionKind.BOOLEAN, "also forget what was learned here"))
                .handler(this::off)
                .build())
        .subcommand(
            CommandSpec.builder("channels", "The channels learning here")
                .handler(this::channels)
                .build())
        .subcommand(
            CommandSpec.builder("stats", "What is learned here").handler(this::stats).build())
        .subcommand(
            CommandSpec.builder("forget-me", "Forget everything learned from you in this server")
                .handler(this::forgetMe)
                .build())
        .subcommand(
            CommandSpec.builder("opt-out", "Never learn from your messages in this server")
                .handler(inv -> optOut(inv, true))
                .build())
        .subcommand(
            CommandSpec.builder("opt-in", "Learn from your messages here again")
                .handler(inv -> optOut(inv, false))
                .build())
        .group(
            CommandGroup.builder("blocklist", "Words never spoken here")
                .subcommand(
                    CommandSpec.builder("add", "Never speak a word")
                        .requires(Permission.MANAGE_SERVER)
                        .option(OptionSpec.required("word", OptionKind.STRING, "the word"))
                        .handler(inv -> block(inv, true))
                        .build())
                .subcommand(
                    CommandSpec.builder("remove", "Allow a word again")
                        .requires(Permission.MANAGE_SERVER)
                        .option(OptionSpec.required("word", OptionKind.STRING, "the word"))
                        .handler(inv -> block(inv, false))
                        .build())
                .subcommand(
                    CommandSpec.builder("list", "The blocked words")
                        .requires(Permission.MANAGE_SERVER)
                        .handler(this::blocked)
                        .build())
                .build())
        .build();
  }

  private CogContext context() {
    return cog.ctx();
  }

  private CompletionStage<?> on(CommandInvocation inv) {
    cog.shards().seen(inv.guild().getJDA());
    long guild = inv.guild().getIdLong();
    long channel = inv.channelId();
    return context()
        .blocking(() -> cog.text().store().register(guild, channel))
        .thenCompose(
            added -> {
              cog.gatherer().wake();
              return inv.reply(
                  added
                      ? "Learning from <#" + channel + "> now: I read its history first."
                      : "I am already learning from <#" + channel + ">.");
            });
  }

  private CompletionStage<?> off(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    long channel = inv.channelId();
    boolean forget = inv.bool("forget").orElse(false);
    return context()
        .blocking(
            () -> {
              boolean stopped = cog.text().store().stop(channel, "turned off");
              int forgotten = 0;
              if (forget) {
                forgotten = cog.text().forget(guild, "channel_id = ?", channel);
                cog.text().store().deleteChannel(channel);
              }
              return new int[] {stopped ? 1 : 0, forgotten};
            })
        .thenCompose(
            r -> {
              String head =
                  r[0] == 1
                      ? "Stopped learning from <#" + channel + ">."
                      : "I was not learning from <#" + channel + ">.";
              String tail =
                  forget
                      ? " Forgot the " + r[1] + " messages learned here."
                      : " What I learned here stays; `markov off forget:true` forgets it.";
              return inv.reply(head + tail);
            });
  }

  private CompletionStage<?> channels(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    return context()
        .blocking(() -> cog.text().store().channels(guild))
        .thenCompose(
            rows ->
                inv.reply(
                    rows.isEmpty()
                        ? "No channel is learning here. `markov on` in a channel starts it."
                        : rows.stream()
                            .map(MarkovCommand::line)
                            .collect(Collectors.joining("\n"))));
  }

  private static String line(ChannelRow row) {
    String when =
        row.lastGatheredAt() == null
            ? "not read yet"
            : "last read <t:" + row.lastGatheredAt().getEpochSecond() + ":R>";
    String state = row.active() ? "" : " — stopped: " + row.stoppedReason();
    return "<#" + row.channelId() + ">: " + row.messages() + " messages, " + when + state;
  }

  private CompletionStage<?> stats(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    GuildModel model = cog.text().model(guild);
    return context()
        .blocking(() -> cog.text().store().counts(guild))
        .thenCompose(
            counts ->
                inv.reply(
                    counts.messages()
                        + " messages learned, "
                        + model.words()
                        + " distinct words, "
                        + model.transitions()
                        + " transitions in the model; oldest message kept: "
                        + (counts.oldest() == null
                            ? "none"
                            : "<t:" + counts.oldest().getEpochSecond() + ":D>")
                        + "."));
  }

  private CompletionStage<?> forgetMe(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    long user = inv.user().getIdLong();
    return context()
        .blocking(() -> cog.text().forget(guild, "author_id = ?", user))
        .thenCompose(
            n ->
                inv.reply(
                    "Forgot the "
                        + n
                        + " messages of yours I had learned in this server."
                        + " `markov opt-out` keeps me from learning new ones."));
  }

  private CompletionStage<?> optOut(CommandInvocation inv, boolean out) {
    long guild = inv.guild().getIdLong();
    long user = inv.user().getIdLong();
    return context()
        .blocking(() -> cog.text().store().setOptOut(guild, user, out))
        .thenCompose(
            changed ->
                inv.reply(
                    out
                        ? "I will not learn from your messages in this server."
                            + " (`markov forget-me` forgets what I already learned.)"
                        : "I may learn from your messages in this server again."));
  }

  private CompletionStage<?> block(CommandInvocation inv, boolean add) {
    long guild = inv.guild().getIdLong();
    String word = inv.string("word").orElseThrow().toLowerCase(Locale.ROOT).strip();
    return context()
        .blocking(() -> cog.blocklist().set(guild, word, add))
        .thenCompose(
            changed ->
                inv.reply(
                    add
                        ? "I will never say \"" + word + "\" here."
                        : "\"" + word + "\" is allowed here again."));
  }

  private CompletionStage<?> blocked(CommandInvocation inv) {
    List<String> words = cog.blocklist().words(inv.guild().getIdLong()).stream().sorted().toList();
    return inv.reply(
        words.isEmpty() ? "No word is blocked here." : "Blocked here: " + String.join(", ", words));
  }
}
