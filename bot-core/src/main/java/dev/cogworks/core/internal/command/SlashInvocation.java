package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.Reply;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.InteractionToken;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.core.internal.messaging.ContentSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;

/**
 * A slash command. The router acknowledges it at once with a deferral (Discord allows 3 s), in this
 * process; every answer after that is a queued request: the first fills in the deferred response,
 * later ones are follow-ups. Answers go out one after another, in the order they were given. An
 * ephemeral first answer (a refusal, an error) replaces the public "thinking" response: Discord
 * keeps a deferred response's visibility, so it is deleted and the answer sent as an ephemeral
 * follow-up.
 */
final class SlashInvocation extends BoundInvocation {
  private final long channelId;
  private final InteractionToken token;
  private final MessagingQueue messaging;
  private final AnswerChain answers;
  private CompletableFuture<SentMessage> first;

  /** {@code deferred} completes when Discord has taken the deferral. */
  SlashInvocation(
      SlashCommandInteractionEvent event,
      Map<String, Object> values,
      MessagingQueue messaging,
      CompletableFuture<?> deferred) {
    super(
        event.getFullCommandName(), event.getUser(), event.getMember(), event.getChannel(), values);
    this.channelId = event.getChannel().getIdLong();
    this.token = new InteractionToken(event.getToken());
    this.messaging = messaging;
    this.answers = new AnswerChain(deferred);
  }

  @Override
  public boolean isSlash() {
    return true;
  }

  @Override
  public String prefix() {
    return "/";
  }

  synchronized boolean answered() {
    return first != null;
  }

  @Override
  public CompletableFuture<SentMessage> reply(Reply reply) {
    return answer(reply, Priority.NORMAL);
  }

  @Override
  public CompletableFuture<SentMessage> refuse(String text) {
    return answer(Reply.of(text).asEphemeral(), Priority.CRITICAL);
  }

  private synchronized CompletableFuture<SentMessage> answer(Reply reply, Priority priority) {
    boolean isFirst = first == null;
    CompletableFuture<SentMessage> sent =
        answers.then(
            () ->
                isFirst
                    ? answerFirst(reply, priority)
                    : followUps(reply, reply.ephemeral(), priority));
    if (isFirst) {
      first = sent;
    }
    return sent;
  }

  private CompletableFuture<SentMessage> answerFirst(Reply reply, Priority priority) {
    if (reply.ephemeral()) {
      return messaging
          .submit(new DiscordRequest.DeleteInteractionResponse(channelId, token, priority))
          .handle((ignored, failure) -> null)
          .thenCompose(ignored -> followUps(reply, true, priority));
    }
    List<String> parts = ContentSplitter.split(reply.content(), ContentSplitter.LIMIT);
    boolean single = parts.size() == 1;
    CompletableFuture<SentMessage> original =
        messaging.submit(
            new DiscordRequest.EditInteractionResponse(
                channelId,
                token,
                parts.get(0),
                single ? reply.embeds() : List.of(),
                single ? reply.components() : List.of(),
                priority));
    if (single) {
      return original;
    }
    String rest = String.join("\n", parts.subList(1, parts.size()));
    return original.thenCompose(
        head ->
            followUps(new Reply(rest, reply.embeds(), reply.components(), false), false, priority)
                .thenApply(tail -> joined(head, tail)));
  }

  private CompletableFuture<SentMessage> followUps(
      Reply reply, boolean ephemeral, Priority priority) {
    return messaging.submit(
        new DiscordRequest.SendFollowup(
            channelId,
            token,
            reply.content(),
            reply.embeds(),
            reply.components(),
            ephemeral,
            priority));
  }

  private static SentMessage joined(SentMessage head, SentMessage tail) {
    List<Long> ids = new ArrayList<>(head.ids());
    ids.addAll(tail.ids());
    return new SentMessage(ids);
  }

  @Override
  public synchronized CompletableFuture<Void> editReply(Reply reply) {
    if (first == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("nothing was answered yet"));
    }
    return answers
        .then(
            () ->
                messaging.submit(
                    new DiscordRequest.EditInteractionResponse(
                        channelId,
                        token,
                        reply.content(),
                        reply.embeds(),
                        reply.components(),
                        Priority.NORMAL)))
        .thenApply(ignored -> null);
  }
}
