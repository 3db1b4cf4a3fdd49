package dev.cogworks.core.internal.conversation;

import dev.cogworks.api.conversation.Assistant;
import dev.cogworks.api.conversation.AssistantException;
import dev.cogworks.api.conversation.AssistantRequest;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.ProgressMessage;
import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.config.CogworksConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code conversation.workers} threads that answer requests in order: each takes the oldest waiting
 * request, loads that person's recent conversation in that server (or DMs), asks the assistant with
 * {@code conversation.request_timeout}, streams the answer into the status message, and stores both
 * sides with the request's end, in one transaction.
 */
final class ConversationWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConversationWorkers.class);
  private static final Duration POLL = Duration.ofMillis(500);

  /** How long a worker waits for the status message before answering in a new message. */
  private static final Duration STATUS_WAIT = Duration.ofSeconds(30);

  private final CogworksConfig.Conversation config;
  private final ConversationQueue queue;
  private final ConversationStore store;
  private final StatusMessages status;
  private final MessagingQueue messaging;
  private final Assistant assistant;
  private final LongFunction<Optional<String>> systemPrompt;
  private final ExecutorService calls =
      Executors.newCachedThreadPool(DaemonThreads.numbered("cogworks-assistant"));
  private final Map<Long, Future<String>> running = new ConcurrentHashMap<>();
  private final Map<Long, String> cancelled = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;

  ConversationWorkers(
      CogworksConfig.Conversation config,
      ConversationQueue queue,
      ConversationStore store,
      StatusMessages status,
      MessagingQueue messaging,
      Assistant assistant,
      LongFunction<Optional<String>> systemPrompt) {
    this.config = config;
    this.queue = queue;
    this.store = store;
    this.status = status;
    this.messaging = messaging;
    this.assistant = assistant;
    this.systemPrompt = systemPrompt;
  }

  void start() {
    for (int i = 1; i <= config.workers(); i++) {
      Thread thread = new Thread(this::loop, "cogworks-conversation-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void loop() {
    while (!stopping) {
      try {
        Optional<ConversationRequest> next = queue.take(POLL);
        if (next.isPresent()) {
          answer(next.get());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // A database outage, say: this request stays PROCESSING and a restart retries it.
        log.error("A conversation worker failed; it carries on", e);
      }
    }
  }

  /**
   * Stops an answer being made: its assistant call is interrupted and the request ends with {@code
   * text} shown. False when it was not being answered here.
   */
  boolean cancel(long requestId, String text) {
    Future<String> call = running.get(requestId);
    if (call == null) {
      return false;
    }
    cancelled.put(requestId, text);
    call.cancel(true);
    return true;
  }

  private void answer(ConversationRequest request) throws InterruptedException {
    ProgressMessage first = statusMessage(request);
    if (first != null) {
      first.update(Texts.THINKING);
    }
    AnswerWriter writer = new AnswerWriter(messaging, request.channelId(), first);
    status.handedOver(request);
    AssistantRequest asked =
        new AssistantRequest(
            request.id(),
            request.userId(),
            request.direct() ? OptionalLong.empty() : OptionalLong.of(request.guildId()),
            request.channelId(),
            request.message(),
            store.history(request.userId(), request.guildId(), config.historyLimit()),
            request.direct() ? Optional.empty() : systemPrompt.apply(request.guildId()),
            config.requestTimeout());
    Future<String> call = calls.submit(() -> assistant.answer(asked, writer));
    running.put(request.id(), call);
    String answer = null;
    String failure = null;
    try {
      answer = call.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      failure = Texts.TIMED_OUT;
    } catch (CancellationException e) {
      failure = null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AssistantException refused) {
        log.warn(
            "The assistant could not answer conversation request {}: {}",
            request.id(),
            refused.getMessage(),
            refused.getCause());
        failure = refused.getMessage();
      } else {
        log.error("The assistant failed on conversation request {}", request.id(), cause);
        failure = "the assistant failed unexpectedly. The bot's owners can see why in its log.";
      }
    } finally {
      running.remove(request.id());
    }
    if (stopping) {
      // The bot is shutting down and interrupted the answer: the request stays PROCESSING, so the
      // next start retries it (once).
      return;
    }
    String cancelText = cancelled.remove(request.id());
    if (cancelText != null || (answer == null && failure == null)) {
      if (queue.finish(request, RequestStatus.CANCELLED, "cancelled while being answered")) {
        writer.finish(cancelText != null ? cancelText : Texts.CANCELLED);
      }
      return;
    }
    if (failure != null) {
      if (queue.finish(request, RequestStatus.FAILED, failure)) {
        writer.finish(Texts.failed(failure));
      }
      return;
    }
    if (queue.complete(request, answer)) {
      writer.finish(answer);
    }
  }

  /** The request's status message, waiting a little for it when it is still being sent. */
  private ProgressMessage statusMessage(ConversationRequest request) throws InterruptedException {
    try {
      return status.view(request).get(STATUS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  @Override
  public void close() {
    stopping = true;
    threads.forEach(Thread::interrupt);
    calls.shutdownNow();
  }
}
