package dev.cogworks.markov;

import dev.cogworks.api.conversation.AnswerStream;
import dev.cogworks.api.conversation.Assistant;
import dev.cogworks.api.conversation.AssistantRequest;
import dev.cogworks.markov.GuildModel.Sentence;
import java.util.function.Supplier;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;

/**
 * The {@code markov} assistant of the conversation queue: answers {@code ask} in the voice of the
 * channel's audience, starting from a word of the question that audience's text knows. A direct
 * message has no server's voice, and it says so.
 */
final class MarkovAssistant implements Assistant {
  static final String NO_VOICE_IN_DMS =
      "I only speak in the voice of a server's channels, and a direct message has none."
          + " Ask me in a server where I learn (`markov on`).";

  private final Supplier<Speaker> speaker;
  private final Shards shards;

  MarkovAssistant(Supplier<Speaker> speaker, Shards shards) {
    this.speaker = speaker;
    this.shards = shards;
  }

  @Override
  public String name() {
    return "markov";
  }

  @Override
  public String answer(AssistantRequest request, AnswerStream stream) {
    if (request.guildId().isEmpty()) {
      return NO_VOICE_IN_DMS;
    }
    GuildChannel channel =
        shards.channel(request.guildId().getAsLong(), request.channelId()).orElse(null);
    if (channel == null) {
      return "I cannot see this channel, so I do not know whose voice to use here.";
    }
    Sentence sentence = speaker.get().answer(channel, request.message());
    return SpeakCommand.say(sentence);
  }
}
