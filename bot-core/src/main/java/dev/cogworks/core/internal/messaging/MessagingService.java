package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.core.internal.config.CogworksConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MessagingQueue cogs hold. It exists before the bot connects (cogs receive it at load) and
 * starts carrying requests once the shards are up. Before handing a request to the mode's transport
 * it fixes its nonce, so a retried send can never post twice. The future a cog gets is its own:
 * completed on the cog executor (never on a dispatcher, a relay listener or JDA's threads, which a
 * cog's blocking callback would stall for everyone) and never the future a transport orders a
 * channel on.
 */
public final class MessagingService implements MessagingQueue {
  private static final Logger log = LoggerFactory.getLogger(MessagingService.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int LAST_ERRORS = 20;

  private volatile CogworksConfig.Messaging config;
  private final DeadLetters deadLetters;
  private final PendingRequests pending;
  private final MessagingMetrics metrics;
  private final Executor callbacks;
  private final BucketObserver buckets = new BucketObserver();
  private final ArrayDeque<MessagingSnapshot.LastError> lastErrors = new ArrayDeque<>();
  private volatile Transport transport;
  private volatile FailureSink deadLetterListener = (request, error, attempts, first) -> {};
  private volatile ShardScope scope = ShardScope.all(1);

  /** {@code callbacks} completes the futures cogs get: the cog executor. */
  public MessagingService(
      CogworksConfig.Messaging config, Jdbi jdbi, MessagingMetrics metrics, Executor callbacks) {
    this.config = config;
    this.metrics = metrics;
    this.callbacks = callbacks;
    this.deadLetters = new DeadLetters(jdbi);
    this.pending = new PendingRequests(jdbi);
    metrics.bindDeadLetters(deadLetters);
  }

  /**
   * Starts carrying requests through the transport the runtime built for the configured mode;
   * {@code transport} is given where to report requests that fail for good. Requests kept by the
   * previous run for {@code scope}'s shards are sent first.
   */
  public void connect(Function<FailureSink, Transport> transport, ShardScope scope) {
    Transport built = transport.apply(this::deadLetter);
    bindMetrics(built);
    this.scope = scope;
    deadLetters.scope(scope.shards());
    this.transport = built;
    resendPending();
    log.info("Messaging mode {} ready", config.mode().name().toLowerCase());
  }

  private void bindMetrics(Transport built) {
    if (built instanceof InProcessTransport) {
      metrics.bindQueue(this); // once; the gauges read whichever queue runs now
    }
  }

  /**
   * Switches to the transport {@code build} makes for {@code next}, without a restart and without
   * losing or reordering anything: from here new submissions are held (in order, not refused); the
   * old transport stops taking requests and hands over what it had not started, with its callers'
   * futures; what it started is left to finish, up to {@code messaging.switch_deadline}; only then
   * does the new transport get the handed-over requests and then the held ones, so no request
   * overtakes an earlier one of its channel. Nonces were stamped at submission, so a send moved
   * across is still posted once. {@code beforeStart} runs just before the new transport takes
   * requests (the runtime points the REST pacer at the new mode's budget there). The old transport
   * is closed once drained, which {@link ModeSwitch.Outcome#oldClosed} tells.
   *
   * <p>If {@code build} throws (an engine that cannot be reached), nothing changed.
   */
  public synchronized ModeSwitch.Outcome switchTo(
      CogworksConfig.Messaging next, Function<FailureSink, Transport> build, Runnable beforeStart) {
    Transport old = transport;
    if (old == null) {
      throw new IllegalStateException("the bot is not connected to Discord yet");
    }
    if (paused()) {
      // The new transport would send what the pause holds: the owner paused for a reason.
      throw new IllegalStateException(
          "messaging is paused; resume it first (`cogworks resume`), then reload");
    }
    Transport built = build.apply(this::deadLetter);
    bindMetrics(built);
    long start = System.nanoTime();
    HeldRequests held = new HeldRequests();
    transport = held;
    List<MovedRequest> moved = old.handOver();
    Duration deadline = config.switchDeadline();
    boolean inTime = ModeSwitch.await(old.drained(), deadline);
    if (!inTime) {
      log.warn(
          "Mode switch: requests started before the switch still run after"
              + " messaging.switch_deadline ({}); the switch goes on, they finish on the old path"
              + " (their channels' next requests may overtake them)",
          deadline);
    }
    beforeStart.run();
    moved.forEach(m -> ModeSwitch.sendThrough(built, m));
    int heldCount = held.size();
    String from = config.mode().name().toLowerCase();
    config = next;
    held.release(built);
    transport = built;
    CompletableFuture<Void> oldClosed =
        old.drained()
            .thenRun(
                () -> {
                  // Nothing should be left; if something is, it goes through the new transport.
                  for (DiscordRequest<?> left : old.close(Duration.ZERO)) {
                    submit(left);
                  }
                });
    ModeSwitch.Outcome outcome =
        new ModeSwitch.Outcome(
            from,
            next.mode().name().toLowerCase(),
            moved.size(),
            heldCount,
            inTime,
            Duration.ofNanos(System.nanoTime() - start),
            oldClosed);
    log.info("{}", outcome);
    return outcome;
  }

  /**
   * Whether an owner paused the queue (in_process, external_gateway); false while a switch runs,
   * since a paused queue is never switched.
   */
  public boolean paused() {
    return transport != null && transport.paused();
  }

  /** The messaging settings in force now (they change with a live mode switch). */
  public CogworksConfig.Messaging config() {
    return config;
  }

  /** The mode's transport when it is a {@code type}: for pausing, snapshots and tests. */
  public <T extends Transport> Optional<T> transport(Class<T> type) {
    Transport current = transport;
    return type.isInstance(current) ? Optional.of(type.cast(current)) : Optional.empty();
  }

  /**
   * Submits a request. The returned future completes on the cog executor; it is the caller's own,
   * so cancelling or completing it changes nothing for the request or its channel.
   */
  @Override
  public boolean coalescesEdits() {
    // in_process merges in its lanes, external_gateway in the engine (RelayTransport); direct
    // sends every edit it is given. With acknowledge = engine each edit waits for its own write,
    // so a burst of edits reaches the engine one by one and a worker starts most of them before
    // the next arrives: little merges, and a progress message had better pace itself.
    return switch (config.mode()) {
      case DIRECT -> false;
      case IN_PROCESS -> true;
      case EXTERNAL_GATEWAY -> config.relay().acknowledge() == CogworksConfig.Acknowledge.MEMORY;
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> CompletableFuture<R> submit(DiscordRequest<R> request) {
    Transport current = transport;
    if (current == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the bot is not connected to Discord yet"));
    }
    DiscordRequest<R> stamped =
        request instanceof DiscordRequest.SendMessage send
            ? (DiscordRequest<R>) withNonce(send)
            : request;
    CompletableFuture<R> submitted = current.submit(stamped);
    while (submitted.isCompletedExceptionally() && transport != current) {
      // Refused by a transport a mode switch just retired: the one now in place takes it.
      current = transport;
      submitted = current.submit(stamped);
    }
    CompletableFuture<R> inner = metrics.observe(stamped, submitted);
    if (stamped instanceof DiscordRequest.SendMessage send
        && send.options().deleteAfter() != null) {
      deleteLater(send, (CompletableFuture<SentMessage>) inner);
    }
    return handOff(inner);
  }

  /**
   * A future of the caller's own, completed on the cog executor once {@code inner} is. One already
   * settled while submitting (a refusal at the door) is settled at once, on the caller's thread, so
   * that "the queue is full" is known before {@code submit} returns.
   */
  private <R> CompletableFuture<R> handOff(CompletableFuture<R> inner) {
    CompletableFuture<R> out = new CompletableFuture<>();
    if (inner.isDone()) {
      inner.whenComplete(
          (value, failure) -> {
            if (failure == null) {
              out.complete(value);
            } else {
              out.completeExceptionally(DiscordErrors.unwrap(failure));
            }
          });
      return out;
    }
    inner.whenComplete(
        (value, failure) -> {
          Runnable complete =
              () -> {
                if (failure == null) {
                  out.complete(value);
                } else {
                  out.completeExceptionally(DiscordErrors.unwrap(failure));
                }
              };
          try {
            callbacks.execute(complete);
          } catch (RejectedExecutionException stopping) {
            complete.run(); // the cog executor has stopped: there is no one else to run it
          }
        });
    return out;
  }

  private void deleteLater(DiscordRequest.SendMessage send, CompletableFuture<SentMessage> sent) {
    Duration after = send.options().deleteAfter();
    sent.thenAccept(
        message ->
            CompletableFuture.delayedExecutor(after.toMillis(), TimeUnit.MILLISECONDS)
                .execute(
                    () ->
                        message
                            .ids()
                            .forEach(
                                id ->
                                    submit(
                                            new DiscordRequest.DeleteMessage(
                                                send.channelId(), id, null))
                                        .exceptionally(
                                            e -> {
                                              log.warn(
                                                  "deleteAfter of message {} failed: {}",
                                                  id,
                                                  e.getMessage());
                                              return null;
                                            }))));
  }

  private void deadLetter(
      DiscordRequest<?> request, Throwable error, int attempts, Instant firstAttemptAt) {
    deadLetters.record(request, error, attempts, firstAttemptAt, scope.shardOf(request));
    metrics.deadLettered(request.action());
    deadLetterListener.failed(request, error, attempts, firstAttemptAt);
    synchronized (lastErrors) {
      lastErrors.addFirst(
          new MessagingSnapshot.LastError(
              Instant.now(), request.action(), request.routeKey(), error.getMessage()));
      while (lastErrors.size() > LAST_ERRORS) {
        lastErrors.removeLast();
      }
    }
  }

  /** Hears every new dead letter, after it was handed to the store (the notifications listen). */
  public void onDeadLetter(FailureSink listener) {
    this.deadLetterListener = listener;
  }

  /** Discord's buckets as the answers report them; fed by the rate limiter. */
  public BucketObserver buckets() {
    return buckets;
  }

  public CogworksConfig.MessagingMode mode() {
    return config.mode();
  }

  /** The latest 20 final failures, newest first, without walking the queue. */
  public List<MessagingSnapshot.LastError> lastErrors() {
    synchronized (lastErrors) {
      return List.copyOf(lastErrors);
    }
  }

  /** The mode, the queue, the buckets and the latest 20 final failures, newest first. */
  public MessagingSnapshot snapshot() {
    List<MessagingSnapshot.LastError> errors;
    synchronized (lastErrors) {
      errors = List.copyOf(lastErrors);
    }
    return new MessagingSnapshot(
        config.mode().name().toLowerCase(),
        transport(InProcessTransport.class).map(InProcessTransport::snapshot),
        buckets.buckets(),
        errors);
  }

  /** Sends what the last run kept for this process's shards, in its original order. */
  private void resendPending() {
    List<DiscordRequest<?>> requests = pending.take(scope.shards());
    if (!requests.isEmpty()) {
      log.info("Sending {} request(s) kept from before the last stop", requests.size());
    }
    for (DiscordRequest<?> request : requests) {
      submit(request)
          .exceptionally(
              e -> {
                log.warn(
                    "A kept {} on {} failed: {}",
                    request.action(),
                    request.routeKey(),
                    e.getMessage());
                return null;
              });
    }
  }

  /**
   * Lets queued requests finish, up to {@code deadline}, and keeps the rest in PostgreSQL (under
   * their shards) for the next start; then writes the dead letters still queued. Call before
   * closing JDA.
   */
  public synchronized void close(Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    Transport current = transport;
    if (current != null) {
      List<DiscordRequest<?>> left = current.close(deadline);
      if (!left.isEmpty()) {
        pending.save(left, scope::shardOf, Instant.now());
      }
    }
    deadLetters.close(Duration.ofNanos(Math.max(end - System.nanoTime(), 1_000_000_000L)));
  }

  /** The dead-letter store: list, count, discard. */
  public DeadLetters deadLetters() {
    return deadLetters;
  }

  /** Sends a dead letter again through this queue (see {@link DeadLetters#retry}). */
  public Optional<CompletableFuture<Object>> retryDeadLetter(long id) {
    return deadLetters.retry(id, this);
  }

  private static DiscordRequest.SendMessage withNonce(DiscordRequest.SendMessage send) {
    if (send.options().nonce() != null) {
      return send;
    }
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return new DiscordRequest.SendMessage(
        send.channelId(),
        send.content(),
        send.options().withNonce(HexFormat.of().formatHex(bytes)));
  }
}
