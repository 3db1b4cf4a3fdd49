package dev.cogworks.core.internal.voice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a voice join counts as failed. A join has two waits of very different lengths: first JDA
 * holds the voice request (op 4) in its gateway queue, which Discord limits to 120 payloads a
 * minute per shard, and waits for Discord's answer (the voice server's endpoint); then the voice
 * connection itself comes up (WebSocket, UDP discovery, ready). The second takes a second or two;
 * the first can take a full minute when a bot joins many servers at once (measured: 100 joins right
 * after start, when the member requests had spent the minute's budget). One timeout for both either
 * gives up on joins that were only queued (then JDA turns them into leaves and the user is told the
 * connection failed) or waits a long time on a connection that is broken.
 */
final class JoinDeadline {
  /** Longer than one gateway window: a queued request is sent within the next minute. */
  static final Duration GATEWAY_PATIENCE = Duration.ofSeconds(75);

  /** From the endpoint's arrival; JDA's own connection timeout is 10 s. */
  static final Duration CONNECT_PATIENCE = Duration.ofSeconds(20);

  private final Clock clock;
  private final Instant requested;
  private volatile Instant endpointAt;

  JoinDeadline(Clock clock) {
    this.clock = clock;
    this.requested = clock.instant();
  }

  /** Discord answered the request: the voice connection is being opened. */
  void endpointArrived() {
    if (endpointAt == null) {
      endpointAt = clock.instant();
    }
  }

  boolean endpointSeen() {
    return endpointAt != null;
  }

  /** How long until the join should be checked again; zero or negative once it has failed. */
  Duration remaining() {
    Instant now = clock.instant();
    Instant start = endpointAt;
    Instant deadline =
        start == null ? requested.plus(GATEWAY_PATIENCE) : start.plus(CONNECT_PATIENCE);
    return Duration.between(now, deadline);
  }
}
