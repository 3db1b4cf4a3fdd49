package dev.cogworks.api.component;

import dev.cogworks.api.command.Reply;
import dev.cogworks.api.messaging.Results.SentMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * One click on a component: who clicked, on which message, with the id's payload and, for a select
 * menu, the values chosen. The platform has already acknowledged the click (Discord wants that
 * within 3 s); every answer goes through the MessagingQueue, in the order given, and the futures
 * complete on the cog executor.
 */
public interface ComponentInvocation {
  /** The id the component carries: its cog, handler and payload. */
  ComponentId id();

  default String payload() {
    return id().payload();
  }

  /** The values chosen in a select menu; empty for a button. */
  List<String> values();

  User user();

  /** The member who clicked; null outside a guild. */
  Member member();

  Guild guild();

  MessageChannel channel();

  /** The message the component is on. */
  long messageId();

  /**
   * Replaces the content, embeds and components of the message the component is on with {@code
   * update}'s ({@code Reply.of("Closed")} leaves it without components).
   */
  CompletableFuture<Void> updateMessage(Reply update);

  /** A new message answering the click; an ephemeral one is seen by the clicking user alone. */
  CompletableFuture<SentMessage> reply(Reply reply);

  default CompletableFuture<SentMessage> reply(String content) {
    return reply(Reply.of(content));
  }
}
