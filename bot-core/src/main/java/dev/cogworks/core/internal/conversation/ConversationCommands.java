package dev.cogworks.core.internal.conversation;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import dev.cogworks.api.command.Reply;
import dev.cogworks.core.internal.command.MessageOrigin;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.User;

/**
 * {@code ask} and {@code conversation}: anyone asks, cancels their question and forgets their
 * conversation; a server's admins see and clear their server's part of the queue; the bot's owners
 * pause and resume it for everyone and read its figures.
 */
public final class ConversationCommands {
  /** Discord's limit on a slash command's string option, and so on a question. */
  static final int MAX_QUESTION = 4000;

  private final ConversationService service;
  private final Executor io;
  private final Clock clock;

  public ConversationCommands(ConversationService service, Executor io, Clock clock) {
    this.service = service;
    this.io = io;
    this.clock = clock;
  }

  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("ask", "Ask the assistant; the answer comes in this channel")
            .inDirectMessages()
            .option(OptionSpec.required("message", OptionKind.STRING, "your question"))
            .handler(this::ask)
            .build(),
        CommandSpec.builder("conversation", "Your conversation with the assistant, and its queue")
            .inDirectMessages()
            .subcommand(
                CommandSpec.builder("cancel", "Withdraw your question from the queue")
                    .handler(this::cancel)
                    .build())
            .subcommand(
                CommandSpec.builder("forget", "Delete your conversation with the assistant")
                    .handler(this::forget)
                    .build())
            .subcommand(
                CommandSpec.builder("queue", "This server's questions in the queue (admins)")
                    .requires(Permission.MANAGE_SERVER)
                    .handler(this::showQueue)
                    .build())
            .subcommand(
                CommandSpec.builder("clear", "Remove someone's question from the queue (admins)")
                    .requires(Permission.MANAGE_SERVER)
                    .option(OptionSpec.required("user", OptionKind.USER, "whose question"))
                    .handler(this::clear)
                    .build())
            .subcommand(
                CommandSpec.builder("pause", "Stop answering, for every server (owners)")
                    .ownerOnly()
                    .handler(invocation -> setPaused(invocation, true))
                    .build())
            .subcommand(
                CommandSpec.builder("resume", "Answer again after a pause (owners)")
                    .ownerOnly()
                    .handler(invocation -> setPaused(invocation, false))
                    .build())
            .subcommand(
                CommandSpec.builder("stats", "The queue's figures, for every server (owners)")
                    .ownerOnly()
                    .handler(this::stats)
                    .build())
            .build());
  }

  private CompletionStage<?> ask(CommandInvocation invocation) {
    String question = invocation.string("message").orElse("").strip();
    if (question.isEmpty()) {
      throw new CommandException(
          "Ask something: `" + invocation.prefix() + "ask what is a good name for a cat?`");
    }
    if (question.length() > MAX_QUESTION) {
      throw new CommandException(
          "That question is "
              + question.length()
              + " characters long; the limit is "
              + MAX_QUESTION
              + ". Nothing was queued.");
    }
    long guild =
        invocation.guild() == null ? ConversationRequest.DIRECT : invocation.guild().getIdLong();
    long origin = invocation instanceof MessageOrigin typed ? typed.messageId() : 0;
    return service
        .ask(
            new NewRequest(
                invocation.user().getIdLong(), guild, invocation.channelId(), origin, question))
        .thenCompose(
            asked -> {
              if (asked.request().isPresent() && !invocation.isSlash()) {
                // The status message, a reply to the question, says it all.
                return CompletableFuture.completedFuture(null);
              }
              Reply reply = Reply.of(asked.answer());
              return invocation.reply(invocation.isSlash() ? reply.asEphemeral() : reply);
            });
  }

  private CompletionStage<?> cancel(CommandInvocation invocation) {
    return CompletableFuture.supplyAsync(
            () -> service.withdraw(invocation.user().getIdLong(), -1, Texts.CANCELLED), io)
        .thenCompose(
            withdrawn ->
                answer(
                    invocation,
                    withdrawn.isPresent()
                        ? "Your question is withdrawn; nothing was answered."
                        : "You have no question in the queue."));
  }

  private CompletionStage<?> forget(CommandInvocation invocation) {
    return CompletableFuture.supplyAsync(() -> service.forget(invocation.user().getIdLong()), io)
        .thenCompose(
            deleted ->
                answer(
                    invocation,
                    deleted == 0
                        ? "There was nothing to forget: I keep no conversation with you."
                        : "Forgotten: your conversation with the assistant is deleted, in every"
                            + " server and in direct messages. It starts afresh next time."));
  }

  private CompletionStage<?> showQueue(CommandInvocation invocation) {
    long guild = guildOf(invocation);
    ConversationQueue.Snapshot now = service.queue().snapshot();
    StringBuilder text = new StringBuilder();
    int here = 0;
    for (ConversationRequest request : now.answering()) {
      if (request.guildId() == guild) {
        here++;
        text.append("• being answered — <@")
            .append(request.userId())
            .append(">, asked ")
            .append(Texts.human(age(request)))
            .append(" ago\n");
      }
    }
    for (int i = 0; i < now.waiting().size(); i++) {
      ConversationRequest request = now.waiting().get(i);
      if (request.guildId() == guild) {
        here++;
        text.append("• position ")
            .append(i + 1)
            .append(" — <@")
            .append(request.userId())
            .append(">, waiting ")
            .append(Texts.human(age(request)))
            .append('\n');
      }
    }
    String head =
        here == 0
            ? "No questions from this server are in the queue"
            : "**Questions from this server: " + here + "**";
    String tail =
        " (the queue holds "
            + now.size()
            + " of "
            + service.queue().capacity()
            + " in all"
            + (now.paused() ? "; answers are paused by the bot's owners" : "")
            + ").";
    return answer(invocation, head + tail + (here == 0 ? "" : "\n" + text));
  }

  private Duration age(ConversationRequest request) {
    return Duration.between(request.createdAt(), clock.instant());
  }

  private CompletionStage<?> clear(CommandInvocation invocation) {
    long guild = guildOf(invocation);
    User user = invocation.user("user").orElseThrow();
    return CompletableFuture.supplyAsync(
            () -> service.withdraw(user.getIdLong(), guild, Texts.cleared("a server admin")), io)
        .thenCompose(
            withdrawn ->
                answer(
                    invocation,
                    withdrawn.isPresent()
                        ? "Removed <@" + user.getId() + ">'s question from the queue."
                        : "<@"
                            + user.getId()
                            + "> has no question from this server in the queue."));
  }

  private CompletionStage<?> setPaused(CommandInvocation invocation, boolean paused) {
    return CompletableFuture.runAsync(() -> service.queue().setPaused(paused), io)
        .thenCompose(
            done ->
                answer(
                    invocation,
                    paused
                        ? "Paused: questions are still taken and keep their places, but none is"
                            + " answered until `conversation resume`."
                        : "Resumed: questions are answered again, in order."));
  }

  private CompletionStage<?> stats(CommandInvocation invocation) {
    ConversationMetrics.Stats s = service.stats();
    return answer(
        invocation,
        "**Conversation queue**"
            + (s.paused() ? " (paused)" : "")
            + "\nwaiting "
            + s.waiting()
            + ", answering "
            + s.answering()
            + ", capacity "
            + s.capacity()
            + "\nsince start: "
            + s.accepted()
            + " taken, "
            + s.completed()
            + " answered, "
            + s.failed()
            + " failed, "
            + s.expired()
            + " expired, "
            + s.cancelled()
            + " withdrawn\nwait p50 "
            + Texts.human(s.waitP50())
            + ", p99 "
            + Texts.human(s.waitP99())
            + "; ask to answer p50 "
            + Texts.human(s.totalP50())
            + ", p99 "
            + Texts.human(s.totalP99()));
  }

  private static long guildOf(CommandInvocation invocation) {
    if (invocation.guild() == null) {
      throw new CommandException(
          "`" + invocation.prefix() + invocation.commandName() + "` works in a server only.");
    }
    return invocation.guild().getIdLong();
  }

  /** Answers only the caller where it can (slash), since it is about them. */
  private static CompletableFuture<?> answer(CommandInvocation invocation, String text) {
    Reply reply = Reply.of(text);
    return invocation.reply(invocation.isSlash() ? reply.asEphemeral() : reply);
  }
}
