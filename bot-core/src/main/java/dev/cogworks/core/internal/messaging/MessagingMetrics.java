package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.QueueFullException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The messaging metrics, under {@code cogworks.messaging.*}: latency per action, outcomes, dead
 * letters, Discord's 429s by scope, and — in in_process mode — queue sizes by priority, in flight,
 * retried, coalesced and expired. Per-channel sizes are in the queue's snapshot rather than here:
 * one time series per channel would overwhelm a metrics backend.
 */
public final class MessagingMetrics {
  private final MeterRegistry registry;
  private boolean queueBound;

  public MessagingMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Present at zero from the start, so dashboards and alerts see the series before the first 429.
    for (String scope : new String[] {"user", "global", "shared"}) {
      rateLimitedCounter(scope);
    }
  }

  /** Times the request from submission to its outcome, by action and outcome. */
  <R> CompletableFuture<R> observe(DiscordRequest<R> request, CompletableFuture<R> result) {
    long start = System.nanoTime();
    result.whenComplete(
        (value, failure) -> {
          String outcome = outcome(failure);
          Timer.builder("cogworks.messaging.latency")
              .description("From submission to completion of a Discord request")
              .tag("action", request.action())
              .tag("outcome", outcome)
              .register(registry)
              .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        });
    return result;
  }

  private static String outcome(Throwable failure) {
    if (failure == null) {
      return "completed";
    }
    Throwable cause = DiscordErrors.unwrap(failure);
    if (cause instanceof QueueFullException) {
      return "rejected";
    }
    if (cause instanceof RequestTimeoutException) {
      return "expired";
    }
    return "failed";
  }

  void deadLettered(String action) {
    Counter.builder("cogworks.messaging.dead_lettered")
        .description("Requests that failed for good and went to the dead-letter store")
        .tag("action", action)
        .register(registry)
        .increment();
  }

  /** A 429 from Discord, by scope (user, global, shared). */
  public void rateLimited(String scope) {
    rateLimitedCounter(scope == null ? "unknown" : scope).increment();
  }

  private Counter rateLimitedCounter(String scope) {
    return Counter.builder("cogworks.discord.rate_limited")
        .description("429 answers from Discord")
        .tag("scope", scope)
        .register(registry);
  }

  /** Dead letters recorded but not yet written, and those dropped because the store lagged. */
  void bindDeadLetters(DeadLetters letters) {
    Gauge.builder("cogworks.messaging.dead_letters.unwritten", letters, DeadLetters::unwritten)
        .description("Dead letters waiting to be written to PostgreSQL")
        .register(registry);
    FunctionCounter.builder(
            "cogworks.messaging.dead_letters.dropped", letters, DeadLetters::dropped)
        .description("Dead letters dropped because PostgreSQL could not take them in time")
        .register(registry);
  }

  /**
   * Gauges and counters read from the in-process queue's lock-free stats: a scrape neither waits
   * for the queue nor walks its channels.
   */
  synchronized void bindQueue(MessagingService messaging) {
    if (queueBound) {
      return;
    }
    queueBound = true;
    gauge(
        "cogworks.messaging.queued",
        "Requests waiting in the queue",
        messaging,
        m -> stats(m).queued());
    gauge(
        "cogworks.messaging.in_flight",
        "Requests taken from the queue and not finished",
        messaging,
        m -> stats(m).inFlight());
    gauge(
        "cogworks.messaging.paused",
        "1 while an owner has paused the queue",
        messaging,
        m -> stats(m).paused() ? 1 : 0);
    for (Priority priority : Priority.values()) {
      Gauge.builder(
              "cogworks.messaging.queued.by_priority",
              messaging,
              m -> stats(m).queuedByPriority().getOrDefault(priority, 0))
          .tag("priority", priority.name().toLowerCase())
          .description("Requests waiting in the queue, by priority")
          .register(registry);
    }
    counter(
        "cogworks.messaging.completed",
        "Requests the queue delivered",
        messaging,
        m -> stats(m).counters().completed());
    counter(
        "cogworks.messaging.failed",
        "Requests that failed for good (each one a dead letter)",
        messaging,
        m -> stats(m).counters().failed());
    counter(
        "cogworks.messaging.retried",
        "Tries again after a 5xx, 429 or network error",
        messaging,
        m -> stats(m).counters().retried());
    counter(
        "cogworks.messaging.coalesced",
        "Edits merged into a waiting edit of the same message",
        messaging,
        m -> stats(m).counters().coalesced());
    counter(
        "cogworks.messaging.expired",
        "Requests that waited past messaging.in_process.request_timeout",
        messaging,
        m -> stats(m).counters().expired());
    counter(
        "cogworks.messaging.rejected",
        "Requests refused because the queue was full",
        messaging,
        m -> stats(m).counters().rejected());
  }

  private void gauge(
      String name,
      String description,
      MessagingService messaging,
      ToDoubleFunction<MessagingService> value) {
    Gauge.builder(name, messaging, value).description(description).register(registry);
  }

  private void counter(
      String name,
      String description,
      MessagingService messaging,
      ToDoubleFunction<MessagingService> value) {
    FunctionCounter.builder(name, messaging, value).description(description).register(registry);
  }

  /** The in-process queue's stats now; zeros while another mode runs. */
  private static QueueStats stats(MessagingService messaging) {
    return messaging
        .transport(InProcessTransport.class)
        .map(InProcessTransport::stats)
        .orElse(QueueStats.EMPTY);
  }

  public MeterRegistry registry() {
    return registry;
  }
}
