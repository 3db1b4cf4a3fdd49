package dev.cogworks.core.internal.conversation;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.ProgressMessage;
import dev.cogworks.api.messaging.SendOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each request's status message: a regular message in its channel (or DM), not an interaction
 * response, whose token would die after 15 minutes. It shows the position while the request waits,
 * "thinking" once it is being answered, and then the answer itself. Position edits go through
 * {@link ProgressMessage}, so a busy queue never floods Discord: the newest position wins.
 */
final class StatusMessages {
  private static final Logger log = LoggerFactory.getLogger(StatusMessages.class);

  private final MessagingQueue messaging;
  private final ConversationQueue queue;
  private final Executor io;

  /** Per request: the message once it exists (the future completes with it). */
  private final Map<Long, CompletableFuture<ProgressMessage>> views = new ConcurrentHashMap<>();

  private final Map<Long, String> shown = new ConcurrentHashMap<>();

  StatusMessages(MessagingQueue messaging, ConversationQueue queue, Executor io) {
    this.messaging = messaging;
    this.queue = queue;
    this.io = io;
  }

  /**
   * Sends the status message of a request just queued (as a reply to the person's message, pinging
   * no one) and remembers its id; the future completes with the request carrying it.
   */
  CompletableFuture<ConversationRequest> post(ConversationRequest request, String text) {
    CompletableFuture<ProgressMessage> view =
        views.computeIfAbsent(request.id(), id -> new CompletableFuture<>());
    SendOptions options = SendOptions.DEFAULT.withPriority(Priority.HIGH);
    if (request.originMessageId() != 0) {
      options = options.replyingTo(request.originMessageId());
    }
    shown.put(request.id(), text);
    return messaging
        .submit(new DiscordRequest.SendMessage(request.channelId(), text, options))
        .thenApplyAsync(
            sent -> {
              long messageId = sent.ids().get(0);
              ConversationRequest posted = queue.statusMessageSent(request, messageId);
              view.complete(ProgressMessage.of(messaging, request.channelId(), messageId));
              return posted;
            },
            io)
        .whenComplete(
            (posted, failure) -> {
              if (failure != null) {
                // The request stays queued and will be answered; its answer gets a new message.
                log.warn(
                    "Could not post the status message of conversation request {}: {}",
                    request.id(),
                    failure.toString());
                view.completeExceptionally(failure);
              } else {
                refresh();
              }
            });
  }

  /** Takes over an existing status message (after a restart). */
  void adopt(ConversationRequest request) {
    views.put(
        request.id(),
        CompletableFuture.completedFuture(
            ProgressMessage.of(messaging, request.channelId(), request.statusMessageId())));
  }

  /** The request's status message, once posted; fails when it could not be. */
  CompletableFuture<ProgressMessage> view(ConversationRequest request) {
    return views.computeIfAbsent(request.id(), id -> new CompletableFuture<>());
  }

  /** Shows every waiting request's current position where it changed. */
  void refresh() {
    ConversationQueue.Snapshot now = queue.snapshot();
    int waiting = now.waiting().size();
    for (int i = 0; i < waiting; i++) {
      ConversationRequest request = now.waiting().get(i);
      String text = Texts.queued(i + 1, waiting, now.paused());
      CompletableFuture<ProgressMessage> view = views.get(request.id());
      if (view == null || !view.isDone() || view.isCompletedExceptionally()) {
        continue;
      }
      if (!text.equals(shown.put(request.id(), text))) {
        view.join().update(text);
      }
    }
  }

  /**
   * Shows the request's last state (expired, cancelled, failed) and forgets it; when it has no
   * status message, the text is sent as a new message.
   */
  CompletableFuture<Void> end(ConversationRequest request, String text) {
    shown.remove(request.id());
    CompletableFuture<ProgressMessage> view = views.remove(request.id());
    if (view == null) {
      view = CompletableFuture.failedFuture(new IllegalStateException("no status message"));
    }
    return view.handle((message, failure) -> message)
        .thenCompose(
            message -> {
              if (message != null) {
                return message.finish(text);
              }
              SendOptions options = SendOptions.DEFAULT;
              if (request.originMessageId() != 0) {
                options = options.replyingTo(request.originMessageId());
              }
              return messaging
                  .submit(new DiscordRequest.SendMessage(request.channelId(), text, options))
                  .thenApply(sent -> null);
            });
  }

  /** Forgets a request whose answer took its status message over. */
  void handedOver(ConversationRequest request) {
    shown.remove(request.id());
    views.remove(request.id());
  }
}
