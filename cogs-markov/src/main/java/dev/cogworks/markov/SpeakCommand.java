package dev.cogworks.markov;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.markov.GuildModel.Sentence;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;

/** {@code speak [first words] [length]}: a sentence in the voice of this channel's audience. */
final class SpeakCommand {
  private final Supplier<Speaker> speaker;
  private final Shards shards;

  private SpeakCommand(Supplier<Speaker> speaker, Shards shards) {
    this.speaker = speaker;
    this.shards = shards;
  }

  static CommandSpec spec(Supplier<Speaker> speaker, Shards shards) {
    SpeakCommand command = new SpeakCommand(speaker, shards);
    return CommandSpec.builder("speak", "A sentence in this server's style")
        .option(OptionSpec.optional("first_words", OptionKind.STRING, "how the sentence starts"))
        .option(OptionSpec.optional("length", OptionKind.INTEGER, "how many words at most"))
        .handler(command::run)
        .build();
  }

  private CompletionStage<?> run(CommandInvocation inv) {
    shards.seen(inv.guild().getJDA());
    Speaker s = speaker.get();
    int length = inv.integer("length").map(Long::intValue).orElse(s.config().defaultLength());
    if (length < 1 || length > s.config().maxLength()) {
      throw new CommandException(
          "The length is a number of words from 1 to " + s.config().maxLength() + ".");
    }
    GuildChannel channel = inv.guild().getGuildChannelById(inv.channelId());
    Sentence sentence = s.speak(channel, inv.string("first_words").orElse(""), length);
    return inv.reply(say(sentence));
  }

  static String say(Sentence sentence) {
    if (sentence instanceof Sentence.Spoken spoken) {
      return spoken.text();
    }
    if (sentence instanceof Sentence.UnknownStart unknown) {
      return "I have never seen \""
          + unknown.word()
          + "\" where this channel's readers could, so I cannot start with it.";
    }
    return "I have learned nothing this channel's readers may hear yet."
        + " An admin starts me with `markov on` in a channel.";
  }
}
