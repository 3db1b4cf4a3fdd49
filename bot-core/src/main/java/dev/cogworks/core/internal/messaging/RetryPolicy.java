package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequestException;
import java.io.IOException;
import java.time.Duration;

/**
 * When and how long to wait before trying a request again: network errors and 5xx/429 are retried
 * with exponential backoff up to {@code attempts} in all; Discord's refusals (400, 401, 403, 404)
 * never are, since the same request would be refused again.
 */
public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff) {
  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  public boolean retryable(Throwable failure) {
    Throwable cause = DiscordErrors.unwrap(failure);
    if (cause instanceof DiscordRequestException e) {
      return e.retryable();
    }
    return cause instanceof IOException || cause.getCause() instanceof IOException;
  }

  /** The wait before attempt {@code next} (2 for the first retry). */
  public Duration backoff(int next) {
    long factor = 1L << Math.min(20, next - 2);
    Duration wait = initialBackoff.multipliedBy(factor);
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
