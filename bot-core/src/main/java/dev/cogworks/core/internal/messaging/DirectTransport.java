package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code messaging.mode = direct}: each request runs through the executor as soon as the previous
 * request of its channel (or guild) is done, retried by the policy. No queue, no extra threads: the
 * zero-moving-parts default. Chaining per route key keeps each channel's requests in the order they
 * were submitted, which JDA alone does not promise while it is still learning a new bucket.
 */
public final class DirectTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(DirectTransport.class);

  private final RequestExecutor executor;
  private final RetryPolicy retry;

  private final FailureSink failures;

  public DirectTransport(RequestExecutor executor, RetryPolicy retry, FailureSink failures) {
    this.executor = executor;
    this.retry = retry;
    this.failures = failures;
  }

  private final Map<Long, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

  @Override
  public <R> CompletableFuture<R> submit(DiscordRequest<R> request) {
    CompletableFuture<R> result = new CompletableFuture<>();
    long key = request.routeKey();
    CompletableFuture<?> previous = tails.put(key, result);
    if (previous == null) {
      attempt(request, 1, Instant.now(), result);
    } else {
      previous.whenComplete((ignored, failure) -> attempt(request, 1, Instant.now(), result));
    }
    // Forget the channel once its last request is done, so idle channels cost nothing.
    result.whenComplete((ignored, failure) -> tails.remove(key, result));
    return result;
  }

  private <R> void attempt(
      DiscordRequest<R> request, int attempt, Instant first, CompletableFuture<R> result) {
    executor
        .execute(request)
        .whenComplete(
            (value, failure) -> {
              if (failure == null) {
                result.complete(value);
              } else if (attempt < retry.attempts() && retry.retryable(failure)) {
                long wait = retry.backoff(attempt + 1).toMillis();
                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(request, attempt + 1, first, result));
              } else {
                log.warn(
                    "Request {} on {} failed after {} attempt(s): {}",
                    request.action(),
                    request.routeKey(),
                    attempt,
                    DiscordErrors.unwrap(failure).getMessage());
                failures.failed(request, DiscordErrors.unwrap(failure), attempt, first);
                result.completeExceptionally(DiscordErrors.unwrap(failure));
              }
            });
  }
}
