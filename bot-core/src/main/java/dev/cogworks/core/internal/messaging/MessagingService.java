package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.core.internal.config.CogworksConfig;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MessagingQueue cogs hold. It exists before the bot connects (cogs receive it at load) and
 * starts carrying requests once the shards are up. Before handing a request to the mode's transport
 * it fixes its nonce, so a retried send can never post twice.
 */
public final class MessagingService implements MessagingQueue {
  private static final Logger log = LoggerFactory.getLogger(MessagingService.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CogworksConfig.Messaging config;
  private final DeadLetters deadLetters;
  private final PendingRequests pending;
  private volatile Transport transport;

  private final MessagingMetrics metrics;
  private final BucketObserver buckets = new BucketObserver();
  private final java.util.ArrayDeque<MessagingSnapshot.LastError> lastErrors =
      new java.util.ArrayDeque<>();

  public MessagingService(CogworksConfig.Messaging config, Jdbi jdbi, MessagingMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.deadLetters = new DeadLetters(jdbi);
    this.pending = new PendingRequests(jdbi);
    deadLetters.attach(this);
  }

  /**
   * Starts carrying requests through the transport the runtime built for the configured mode;
   * {@code transport} is given where to report requests that fail for good.
   */
  public void connect(java.util.function.Function<FailureSink, Transport> transport) {
    Transport built = transport.apply(this::deadLetter);
    if (built instanceof InProcessTransport queue) {
      metrics.bindQueue(queue);
    }
    this.transport = built;
    resendPending();
    log.info("Messaging mode {} ready", config.mode().name().toLowerCase());
  }

  /** The mode's transport when it is a {@code type}: for pausing, snapshots and tests. */
  public <T extends Transport> java.util.Optional<T> transport(Class<T> type) {
    Transport current = transport;
    return type.isInstance(current)
        ? java.util.Optional.of(type.cast(current))
        : java.util.Optional.empty();
  }

  @Override
  public <R> CompletableFuture<R> submit(DiscordRequest<R> request) {
    Transport current = transport;
    if (current == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the bot is not connected to Discord yet"));
    }
    if (request instanceof DiscordRequest.SendMessage send) {
      return metrics.observe(request, submitSend(current, withNonce(send)).thenApply(this::cast));
    }
    return metrics.observe(request, current.submit(request));
  }

  @SuppressWarnings("unchecked")
  private <R> R cast(Object value) {
    return (R) value;
  }

  private CompletableFuture<SentMessage> submitSend(
      Transport current, DiscordRequest.SendMessage send) {
    CompletableFuture<SentMessage> sent = current.submit(send);
    if (send.options().deleteAfter() != null) {
      sent.thenAccept(
          message ->
              CompletableFuture.delayedExecutor(
                      send.options().deleteAfter().toMillis(), TimeUnit.MILLISECONDS)
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
    return sent;
  }

  private void deadLetter(
      DiscordRequest<?> request, Throwable error, int attempts, java.time.Instant first) {
    deadLetters.record(request, error, attempts, first);
    metrics.deadLettered(request.action());
    synchronized (lastErrors) {
      lastErrors.addFirst(
          new MessagingSnapshot.LastError(
              java.time.Instant.now(), request.action(), request.routeKey(), error.getMessage()));
      while (lastErrors.size() > 20) {
        lastErrors.removeLast();
      }
    }
  }

  /** Discord's buckets as the answers report them; fed by the rate limiter. */
  public BucketObserver buckets() {
    return buckets;
  }

  /** The mode, the queue, the buckets and the latest 20 final failures, newest first. */
  public MessagingSnapshot snapshot() {
    java.util.List<MessagingSnapshot.LastError> errors;
    synchronized (lastErrors) {
      errors = java.util.List.copyOf(lastErrors);
    }
    return new MessagingSnapshot(
        config.mode().name().toLowerCase(),
        transport(InProcessTransport.class).map(InProcessTransport::snapshot),
        buckets.buckets(),
        errors);
  }

  /** Sends what the last run could not, in its original order. */
  private void resendPending() {
    var requests = pending.takeAll();
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
   * Lets queued requests finish, up to {@code deadline}, and keeps the rest in PostgreSQL for the
   * next start. Call before closing JDA.
   */
  public void close(java.time.Duration deadline) {
    Transport current = transport;
    if (current != null) {
      var left = current.close(deadline);
      if (!left.isEmpty()) {
        pending.save(left, java.time.Instant.now());
      }
    }
  }

  /** The dead-letter store: list, retry, discard. */
  public DeadLetters deadLetters() {
    return deadLetters;
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
