package dev.cogworks.core.internal.messaging;

import dev.cogworks.core.api.messaging.DiscordRequest;
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

  public DirectTransport(RequestExecutor executor, RetryPolicy retry) {
    this.executor = executor;
    this.retry = retry;
  }

  private final Map<Long, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

  @Override
  public <R> CompletableFuture<R> submit(DiscordRequest<R> request) {
    CompletableFuture<R> result = new CompletableFuture<>();
    long key = request.routeKey();
    CompletableFuture<?> previous = tails.put(key, result);
    if (previous == null) {
      attempt(request, 1, result);
    } else {
      previous.whenComplete((ignored, failure) -> attempt(request, 1, result));
    }
    // Forget the channel once its last request is done, so idle channels cost nothing.
    result.whenComplete((ignored, failure) -> tails.remove(key, result));
    return result;
  }

  private <R> void attempt(DiscordRequest<R> request, int attempt, CompletableFuture<R> result) {
    executor
        .execute(request)
        .whenComplete(
            (value, failure) -> {
              if (failure == null) {
                result.complete(value);
              } else if (attempt < retry.attempts() && retry.retryable(failure)) {
                long wait = retry.backoff(attempt + 1).toMillis();
                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(request, attempt + 1, result));
              } else {
                log.warn(
                    "Request {} on {} failed after {} attempt(s): {}",
                    request.action(),
                    request.routeKey(),
                    attempt,
                    DiscordErrors.unwrap(failure).getMessage());
                result.completeExceptionally(DiscordErrors.unwrap(failure));
              }
            });
  }
}
