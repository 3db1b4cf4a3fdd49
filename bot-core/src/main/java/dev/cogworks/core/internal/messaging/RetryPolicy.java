package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.DiscordRequestException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * When a failed request is tried again, and how long to wait: network errors and 5xx/429 answers
 * are retried with exponential backoff and jitter until {@code attempts} HTTP tries are spent;
 * Discord's refusals (400, 401, 403, 404) never are, since the same request would be refused again.
 *
 * <p>JDA itself tries a 502, 503 or 504 four times before reporting it; those tries count here, so
 * an outage at Discord costs {@code attempts} calls per request, not {@code attempts} times JDA's.
 */
public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff) {
  /** The answers JDA retries on its own (its {@code Requester}), and how many tries it makes. */
  static final Set<Integer> RETRIED_BY_JDA = Set.of(502, 503, 504);

  static final int JDA_TRIES = 4;

  /** How far a wait may stray from the exponential schedule, so retries do not stampede. */
  static final double JITTER = 0.25;

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  /**
   * Whether {@code failure} of {@code request} may be tried again. A follow-up or a webhook post
   * carries no nonce, so after an answer that may mean Discord took it (a 5xx or a lost connection)
   * it is not repeated.
   */
  public boolean retryable(DiscordRequest<?> request, Throwable failure) {
    Throwable cause = DiscordErrors.unwrap(failure);
    boolean transient_ =
        cause instanceof DiscordRequestException e
            ? e.retryable()
            : cause instanceof IOException || cause.getCause() instanceof IOException;
    return transient_
        && !(request instanceof DiscordRequest.SendFollowup
            || request instanceof DiscordRequest.ExecuteWebhook);
  }

  /** The HTTP tries behind one failed attempt: JDA's own retries included. */
  public int tries(Throwable failure) {
    Throwable cause = DiscordErrors.unwrap(failure);
    return cause instanceof DiscordRequestException e && RETRIED_BY_JDA.contains(e.status())
        ? JDA_TRIES
        : 1;
  }
}
