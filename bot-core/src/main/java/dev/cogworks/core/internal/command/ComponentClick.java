package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.Reply;
import dev.cogworks.api.component.ComponentId;
import dev.cogworks.api.component.ComponentInvocation;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.InteractionToken;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.Results.SentMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;

/**
 * A click the router has acknowledged with a deferred update (in this process, within Discord's 3
 * s). Every answer after that is a queued request: an update of the clicked message is an edit of
 * the interaction's original response, a reply is a follow-up; they go out in the order given.
 */
final class ComponentClick implements ComponentInvocation, Answerable {
  private final ComponentId id;
  private final List<String> values;
  private final String kind;
  private final User user;
  private final Member member;
  private final MessageChannel channel;
  private final long messageId;
  private final InteractionToken token;
  private final MessagingQueue messaging;
  private final AnswerChain answers;

  /** {@code deferred} completes when Discord has taken the deferred update. */
  ComponentClick(
      GenericComponentInteractionCreateEvent event,
      ComponentId id,
      List<String> values,
      MessagingQueue messaging,
      CompletableFuture<?> deferred) {
    this.id = id;
    this.values = List.copyOf(values);
    this.kind = ComponentRouter.kind(event);
    this.user = event.getUser();
    this.member = event.getMember();
    this.channel = event.getChannel();
    this.messageId = event.getMessageIdLong();
    this.token = new InteractionToken(event.getToken());
    this.messaging = messaging;
    this.answers = new AnswerChain(deferred);
  }

  @Override
  public ComponentId id() {
    return id;
  }

  @Override
  public List<String> values() {
    return values;
  }

  @Override
  public User user() {
    return user;
  }

  @Override
  public Member member() {
    return member;
  }

  @Override
  public Guild guild() {
    return member == null ? null : member.getGuild();
  }

  @Override
  public MessageChannel channel() {
    return channel;
  }

  @Override
  public long messageId() {
    return messageId;
  }

  @Override
  public String action() {
    return "using that " + kind;
  }

  @Override
  public CompletableFuture<Void> updateMessage(Reply update) {
    return answers
        .then(
            () ->
                messaging.submit(
                    new DiscordRequest.EditInteractionResponse(
                        channel.getIdLong(),
                        token,
                        update.content(),
                        update.embeds(),
                        update.components(),
                        Priority.NORMAL)))
        .thenApply(ignored -> null);
  }

  @Override
  public CompletableFuture<SentMessage> reply(Reply reply) {
    return followUp(reply, reply.ephemeral(), Priority.NORMAL);
  }

  @Override
  public CompletableFuture<SentMessage> refuse(String message) {
    return followUp(Reply.of(message), true, Priority.CRITICAL);
  }

  private CompletableFuture<SentMessage> followUp(
      Reply reply, boolean ephemeral, Priority priority) {
    return answers.then(
        () ->
            messaging.submit(
                new DiscordRequest.SendFollowup(
                    channel.getIdLong(),
                    token,
                    reply.content(),
                    reply.embeds(),
                    reply.components(),
                    ephemeral,
                    priority)));
  }
}
