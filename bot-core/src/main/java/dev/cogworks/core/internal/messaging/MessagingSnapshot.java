package dev.cogworks.core.internal.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Messaging at one moment, for the monitor and {@code /health}: the mode, the in-process queue
 * (when that is the mode), Discord's buckets as last reported, and the latest final failures.
 */
public record MessagingSnapshot(
    String mode,
    Optional<QueueSnapshot> queue,
    List<BucketObserver.Bucket> buckets,
    List<LastError> lastErrors) {

  /** A request that failed for good. */
  public record LastError(Instant at, String action, long routeKey, String error) {}
}
