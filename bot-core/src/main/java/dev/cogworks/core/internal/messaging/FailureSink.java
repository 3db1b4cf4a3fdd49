package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import java.time.Instant;

/** Where a transport reports a request that failed for good (the dead-letter store). */
@FunctionalInterface
public interface FailureSink {
  void failed(DiscordRequest<?> request, Throwable error, int attempts, Instant firstAttemptAt);
}
