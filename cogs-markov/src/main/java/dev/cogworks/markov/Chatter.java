package dev.cogworks.markov;

import dev.cogworks.api.CogContext;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.markov.GuildModel.Sentence;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot speaking unasked, in learning channels only: it answers a mention of it that names no
 * command ({@code speak_on_mention}), seeded with the mention's words, and joins a conversation
 * after a message at the server's {@code chime_in} rate. Answers are replies that ping no one.
 * Decisions are taken from memory on the event thread; the sentence is made on the cog's executor.
 */
final class Chatter extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(Chatter.class);

  /** How an answer reaches Discord: the cog's own {@code sendMessage}. */
  interface Send {
    CompletableFuture<?> send(long channelId, String content, SendOptions options);
  }

  private final CogContext context;
  private final MarkovStore store;
  private final Speaker speaker;
  private final Shards shards;
  private final Send send;

  Chatter(CogContext context, MarkovStore store, Speaker speaker, Shards shards, Send send) {
    this.context = context;
    this.store = store;
    this.speaker = speaker;
    this.shards = shards;
    this.send = send;
  }

  /** A mention of the bot that is not a command: taken (and answered) in a learning channel. */
  boolean mentioned(Message message, String text) {
    if (!learningIn(message)
        || !context.settings(message.getGuild().getIdLong()).get(MarkovCog.SPEAK_ON_MENTION)) {
      return false;
    }
    answer(message, text, true);
    return true;
  }

  @Override
  public void onMessageReceived(MessageReceivedEvent event) {
    Message message = event.getMessage();
    if (!learningIn(message)
        || message.getAuthor().isBot()
        || message.isWebhookMessage()
        || startsWithMention(message)
        || speaker.cleaner().isCommand(message.getContentRaw())
        || !context.enabledIn(message.getGuild().getIdLong())) {
      return;
    }
    double rate = context.settings(message.getGuild().getIdLong()).get(MarkovCog.CHIME_IN);
    if (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate) {
      answer(message, message.getContentRaw(), false);
    }
  }

  private boolean learningIn(Message message) {
    return message.isFromGuild() && store.learning(message.getChannel().getIdLong());
  }

  /** A message that starts with a mention of the bot is the command router's. */
  private static boolean startsWithMention(Message message) {
    return MessageCleaner.addressedTo(
        message.getContentRaw(), message.getJDA().getSelfUser().getIdLong());
  }

  /**
   * A sentence seeded with a word of {@code text} the audience's text knows; when nothing may be
   * spoken here, a mention is told so and a chime stays silent.
   */
  private void answer(Message message, String text, boolean asked) {
    shards.seen(message.getJDA());
    GuildChannel channel = message.getGuildChannel();
    long messageId = message.getIdLong();
    CompletableFuture.supplyAsync(() -> speaker.answer(channel, text), context.executor())
        .thenCompose(
            sentence ->
                sentence instanceof Sentence.Spoken || asked
                    ? send.send(
                        channel.getIdLong(),
                        SpeakCommand.say(sentence),
                        SendOptions.DEFAULT.replyingTo(messageId))
                    : CompletableFuture.completedFuture(null))
        .exceptionally(
            error -> {
              log.warn("markov: could not speak in channel {}", channel.getIdLong(), error);
              return null;
            });
  }
}
