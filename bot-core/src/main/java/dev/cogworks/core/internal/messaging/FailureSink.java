package dev.cogworks.core.internal.messaging;

import dev.cogworks.core.api.messaging.DiscordRequest;
import java.time.Instant;

/** Where a transport reports a request that failed for good (the dead-letter store). */
@FunctionalInterface
interface FailureSink {
  void failed(DiscordRequest<?> request, Throwable error, int attempts, Instant firstAttemptAt);
}
