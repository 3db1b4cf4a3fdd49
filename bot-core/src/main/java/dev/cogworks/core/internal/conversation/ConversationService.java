package dev.cogworks.core.internal.conversation;

import dev.cogworks.api.conversation.Assistant;
import dev.cogworks.api.data.ServerData;
import dev.cogworks.api.data.UserData;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.conversation.Admission.Accepted;
import dev.cogworks.core.internal.conversation.Admission.Refused;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import net.dv8tion.jda.api.entities.Message;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation feature, wired: the queue, its status messages, the workers, the expiry sweep,
 * and what a restart resumes. {@link #ask} is how a question comes in, from {@code ask} or a direct
 * message.
 */
public final class ConversationService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConversationService.class);

  /**
   * How often the pause flag is read again: an owner's pause through one process reaches the others
   * (they share it in the database) within this, for one primary-key read.
   */
  static final Duration PAUSE_FOLLOW = Duration.ofSeconds(2);

  private final CogworksConfig.Conversation config;
  private final ConversationStore store;
  private final ConversationQueue queue;
  private final ConversationMetrics metrics;
  private final MessagingQueue messaging;
  private final StatusMessages status;
  private final ConversationWorkers workers;
  private final Executor io;
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          DaemonThreads.named("cogworks-conversation-sweep"));

  public ConversationService(
      CogworksConfig.Conversation config,
      Jdbi jdbi,
      ConversationMetrics metrics,
      Assistant assistant,
      MessagingQueue messaging,
      LongFunction<Optional<String>> systemPrompt,
      Executor io,
      Clock clock) {
    this.config = config;
    this.store = new ConversationStore(jdbi);
    this.metrics = metrics;
    this.queue = new ConversationQueue(config, store, metrics, clock);
    this.messaging = messaging;
    this.io = io;
    this.status = new StatusMessages(messaging, queue, io);
    this.workers =
        new ConversationWorkers(config, queue, store, status, messaging, assistant, systemPrompt);
    queue.onChange(status::refresh);
    queue.onGone(request -> status.end(request, Texts.CANCELLED));
  }

  /**
   * The conversation queue, when {@code conversation.assistant} names an assistant (built in, or
   * offered by one of {@code cogs}); empty when none is configured. Call {@link #start} once
   * Discord is connected.
   */
  public static Optional<ConversationService> create(
      CogworksConfig.Conversation config,
      List<dev.cogworks.api.Cog> cogs,
      Jdbi jdbi,
      io.micrometer.core.instrument.MeterRegistry registry,
      MessagingQueue messaging,
      LongFunction<Optional<String>> systemPrompt,
      Executor io) {
    Optional<Assistant> assistant = new Assistants().select(config, cogs);
    if (assistant.isEmpty()) {
      log.info("No conversation assistant is configured (conversation.assistant); `ask` is off");
      return Optional.empty();
    }
    log.info("Conversation queue on, answered by the {} assistant", assistant.get().name());
    return Optional.of(
        new ConversationService(
            config,
            jdbi,
            new ConversationMetrics(registry),
            assistant.get(),
            messaging,
            systemPrompt,
            io,
            Clock.systemUTC()));
  }

  /**
   * Resumes what a previous run left (waiting requests in order, their status messages edited
   * again; a request cut short is retried once, then failed with a message), then starts answering.
   * Only the requests asked in the servers of this process's {@code shards} (of {@code total}) are
   * resumed: processes sharing one database each resume their own. Call once Discord is connected.
   */
  public void start(List<Integer> shards, int total) {
    List<ConversationRequest> failed = queue.restore(shards, total);
    for (ConversationRequest request : failed) {
      if (request.statusMessageId() != 0) {
        status.adopt(request);
      }
      status.end(request, Texts.failed(Texts.RESTARTED));
    }
    ConversationQueue.Snapshot resumed = queue.snapshot();
    for (int i = 0; i < resumed.waiting().size(); i++) {
      ConversationRequest request = resumed.waiting().get(i);
      String text = Texts.queued(i + 1, resumed.waiting().size(), resumed.paused());
      if (request.statusMessageId() != 0) {
        status.adopt(request);
      } else {
        status.post(request, text);
      }
    }
    status.refresh();
    if (!resumed.waiting().isEmpty() || !failed.isEmpty()) {
      log.info(
          "Conversation queue resumed {} waiting request(s); {} failed after a second restart",
          resumed.waiting().size(),
          failed.size());
    }
    long every = sweepEvery(config).toMillis();
    sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    long follow = PAUSE_FOLLOW.toMillis();
    sweeper.scheduleWithFixedDelay(this::followPause, follow, follow, TimeUnit.MILLISECONDS);
    workers.start();
  }

  /** Takes up a pause or resumption an owner made through another process of this bot. */
  private void followPause() {
    try {
      if (queue.followPause()) {
        log.info(
            "The conversation queue was {} through another process of this bot",
            queue.paused() ? "paused" : "resumed");
      }
    } catch (RuntimeException e) {
      log.debug("Could not read the conversation queue's pause flag: {}", e.toString());
    }
  }

  private void sweep() {
    try {
      for (ConversationRequest request : queue.expired()) {
        status.end(request, Texts.expired(config.queueTimeout()));
      }
      store.pruneFinished(java.time.Instant.now());
    } catch (RuntimeException e) {
      log.warn("The conversation queue's expiry sweep failed; it runs again shortly", e);
    }
  }

  /** The outcome of {@link #ask}: what the person is told, and the request when it was taken. */
  public record Asked(Optional<ConversationRequest> request, String answer) {}

  /**
   * Takes a question: the request is stored, then its status message is posted in the channel (as a
   * reply to {@code originMessageId} when there is one). The future completes once the status
   * message is there, with a line for the person: where their request is, or why it was refused.
   * Runs the database work on the I/O pool.
   */
  public CompletableFuture<Asked> ask(NewRequest asked) {
    return CompletableFuture.supplyAsync(() -> queue.submit(asked), io)
        .thenCompose(
            admission -> {
              if (admission instanceof Accepted accepted) {
                return status
                    .post(
                        accepted.request(),
                        Texts.queued(accepted.position(), accepted.waiting(), queue.paused()))
                    .handle(
                        (posted, failure) ->
                            new Asked(
                                Optional.of(posted != null ? posted : accepted.request()),
                                posted != null
                                    ? "Your question is queued: " + posted.statusLink()
                                    : "Your question is queued; its answer will come here."));
              }
              return CompletableFuture.completedFuture(
                  new Asked(Optional.empty(), refusal((Refused) admission)));
            });
  }

  /** What a refused person reads: why, and what to do. */
  String refusal(Refused refused) {
    return switch (refused.reason()) {
      case ALREADY_ACTIVE ->
          refused
              .active()
              .map(
                  active ->
                      "You already have a question "
                          + (active.status() == RequestStatus.PROCESSING
                              ? "being answered"
                              : "waiting (position "
                                  + queue.snapshot().positionOf(active.id())
                                  + ")")
                          + (active.statusMessageId() != 0 ? ": " + active.statusLink() : "")
                          + ". One at a time: wait for its answer, or withdraw it with"
                          + " `conversation cancel`.")
              .orElse(
                  "You already have a question waiting. One at a time: wait for its answer, or"
                      + " withdraw it with `conversation cancel`.");
      case QUEUE_FULL ->
          "The queue is full ("
              + config.maxQueueSize()
              + " questions); nothing was queued. Try again in a few minutes.";
      case SERVER_SHARE ->
          "This server already has "
              + config.perServerLimit()
              + " questions in the queue, its share; nothing was queued. Try again when some are"
              + " answered.";
      case COOLDOWN -> "Please wait " + Texts.human(refused.retryIn()) + " before asking again.";
      case QUOTA ->
          "You have asked "
              + config.dailyQuota()
              + " questions today, the daily limit; it resets at midnight UTC (in "
              + Texts.human(refused.retryIn())
              + ").";
      case CLOSED -> "The bot is shutting down; ask again in a minute.";
    };
  }

  /** A direct message that is not a command: a question, answered in the DM. */
  public void directMessage(Message message) {
    if (!config.directMessages()) {
      return;
    }
    String text = message.getContentRaw().strip();
    if (text.isEmpty()) {
      // An attachment or a sticker only: nothing to ask.
      return;
    }
    ask(new NewRequest(
            message.getAuthor().getIdLong(),
            ConversationRequest.DIRECT,
            message.getChannel().getIdLong(),
            message.getIdLong(),
            text))
        .thenAccept(
            asked -> {
              if (asked.request().isEmpty()) {
                messaging.submit(
                    new DiscordRequest.SendMessage(
                        message.getChannel().getIdLong(),
                        asked.answer(),
                        SendOptions.DEFAULT.replyingTo(message.getIdLong())));
              }
            })
        .exceptionally(
            failure -> {
              log.warn("A direct message could not be queued: {}", failure.toString());
              messaging.submit(
                  new DiscordRequest.SendMessage(
                      message.getChannel().getIdLong(),
                      "Sorry, your message could not be queued just now; try again in a moment.",
                      SendOptions.DEFAULT.replyingTo(message.getIdLong())));
              return null;
            });
  }

  /**
   * Withdraws the person's active request (waiting or being answered); {@code guildId} limits it to
   * one server (an admin's {@code clear}), or -1 for anywhere (the person's own {@code cancel}).
   * Empty when there was nothing to withdraw.
   */
  public Optional<ConversationRequest> withdraw(long userId, long guildId, String shown) {
    Optional<ConversationRequest> active = queue.activeOf(userId);
    if (active.isEmpty() || (guildId != -1 && active.get().guildId() != guildId)) {
      return Optional.empty();
    }
    ConversationRequest request = active.get();
    if (request.status() == RequestStatus.PROCESSING && workers.cancel(request.id(), shown)) {
      return active;
    }
    if (queue.finish(request, RequestStatus.CANCELLED, "withdrawn")) {
      status.end(request, shown);
      return active;
    }
    return Optional.empty();
  }

  /** Deletes the person's conversations everywhere; how many messages were deleted. */
  public long forget(long userId) {
    return store.forgetUser(userId);
  }

  public ConversationQueue queue() {
    return queue;
  }

  public ConversationMetrics.Stats stats() {
    return metrics.stats(queue);
  }

  public CogworksConfig.Conversation config() {
    return config;
  }

  /** What {@code mydata} shows and deletes of the conversation queue. */
  public UserData userData() {
    return new UserData() {
      @Override
      public List<String> describe(long userId) {
        List<String> lines = new ArrayList<>();
        for (long[] scope : store.turnsPerScope(userId)) {
          lines.add(
              scope[1]
                  + " message(s) of your conversation with the assistant "
                  + (scope[0] == ConversationRequest.DIRECT
                      ? "in direct messages"
                      : "in server " + scope[0]));
        }
        queue
            .activeOf(userId)
            .ifPresent(r -> lines.add("1 question " + r.status().name().toLowerCase() + " now"));
        return lines;
      }

      @Override
      public long delete(long userId) {
        withdraw(userId, -1, Texts.CANCELLED);
        // Their question waiting in another process goes too: that process drops it at its turn.
        return store.forgetUserEntirely(userId);
      }
    };
  }

  /** What is deleted when the bot left a server long enough ago. */
  public ServerData serverData() {
    return guildId -> {
      store.forgetServer(guildId);
    };
  }

  @Override
  public void close() {
    queue.close();
    sweeper.shutdownNow();
    workers.close();
  }

  /** How long the expiry sweep waits between runs: a quarter of the timeout, 100 ms to 30 s. */
  static Duration sweepEvery(CogworksConfig.Conversation config) {
    return Duration.ofMillis(Math.max(100, Math.min(config.queueTimeout().toMillis() / 4, 30_000)));
  }
}
