package dev.cogworks.core.internal.relay;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A worker's side of the engine. It hands out requests so that a channel's (or guild's) requests
 * run one at a time in submission order across all workers, keeps this worker's lease alive, and
 * lets another worker take over what a dead one held.
 */
public interface RelayInbox extends AutoCloseable {
  /** Registers the worker and starts renewing its lease. */
  void start(String workerId);

  /**
   * Up to {@code max} requests for this worker, waiting at most {@code wait} for some to arrive
   * (woken by the engine, never polled in a busy loop).
   */
  List<ClaimedRequest> claim(int max, Duration wait) throws InterruptedException;

  /**
   * Writes the answer to the request's bot instance and removes the request, unless another worker
   * has taken it over meanwhile (then nothing is written: the new holder answers). May hand back
   * the next request of the same channel, already claimed, to save a round trip.
   */
  Optional<ClaimedRequest> complete(ClaimedRequest request, WireResponse answer);

  /**
   * Removes a request without answering (its deadline passed; the bot has given up on it); like
   * {@link #complete} it may hand back the channel's next request.
   */
  Optional<ClaimedRequest> drop(ClaimedRequest request);

  /** The rate limits shared by all workers (and the bots) of this engine. */
  SharedRateLimits rateLimits();

  /** Stops renewing the lease and closes connections at once, as a crash would (for tests). */
  void abandon();

  /** Leaves cleanly: releases what this worker holds so others take it at once. */
  @Override
  void close();
}
