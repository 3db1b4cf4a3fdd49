package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.Reply;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.api.messaging.SendOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Message;

/**
 * A command typed as a message. Each answer is a queued send that replies to that message (a
 * message reference, pinging no one), ordered with the channel's other sends and carrying a nonce
 * like any send; "ephemeral" means nothing outside slash commands.
 */
final class PrefixInvocation extends BoundInvocation implements MessageOrigin {
  private final Message message;
  private final String prefix;
  private final MessagingQueue messaging;
  private volatile CompletableFuture<SentMessage> first;

  PrefixInvocation(
      String commandName,
      String prefix,
      Message message,
      Map<String, Object> values,
      MessagingQueue messaging) {
    super(commandName, message.getAuthor(), message.getMember(), message.getChannel(), values);
    this.message = message;
    this.prefix = prefix;
    this.messaging = messaging;
  }

  @Override
  public long messageId() {
    return message.getIdLong();
  }

  @Override
  public boolean isSlash() {
    return false;
  }

  @Override
  public String prefix() {
    return prefix;
  }

  @Override
  public CompletableFuture<SentMessage> reply(Reply reply) {
    CompletableFuture<SentMessage> sent = replyTo(messaging, message, reply, Priority.NORMAL);
    synchronized (this) {
      if (first == null) {
        first = sent;
      }
    }
    return sent;
  }

  @Override
  public CompletableFuture<Void> editReply(Reply reply) {
    CompletableFuture<SentMessage> answered = first;
    if (answered == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("nothing was answered yet"));
    }
    return answered.thenCompose(
        sent ->
            messaging.submit(
                new DiscordRequest.EditMessage(
                    message.getChannel().getIdLong(),
                    sent.id(),
                    reply.content(),
                    reply.embeds(),
                    reply.components(),
                    null)));
  }

  @Override
  public CompletableFuture<SentMessage> refuse(String text) {
    return replyTo(messaging, message, Reply.of(text), Priority.CRITICAL);
  }

  /** A queued reply to {@code message}: the router's own answers go out the same way. */
  static CompletableFuture<SentMessage> replyTo(
      MessagingQueue messaging, Message message, Reply reply, Priority priority) {
    SendOptions options =
        SendOptions.DEFAULT
            .withPriority(priority)
            .replyingTo(message.getIdLong())
            .withEmbeds(reply.embeds().toArray(dev.cogworks.api.messaging.Embed[]::new))
            .withComponents(
                reply.components().toArray(dev.cogworks.api.messaging.ActionRow[]::new));
    return messaging.submit(
        new DiscordRequest.SendMessage(message.getChannel().getIdLong(), reply.content(), options));
  }
}
