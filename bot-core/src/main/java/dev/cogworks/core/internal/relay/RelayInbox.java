package dev.cogworks.core.internal.relay;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A worker's side of the engine. It hands out requests so that a channel's (or guild's) requests
 * run one at a time in submission order across all workers: it never hands out a request while an
 * earlier one of its route key is held by a worker, and keeps this worker's lease alive so that
 * another worker takes over only what a dead one held. {@code H} is the engine's handle of a claim.
 *
 * <p>Every claim handed out must be settled once: {@link #complete}, {@link #drop} or {@link
 * #release}. Until then the engine keeps the claim this worker's (on Redis: its channel waits).
 */
public interface RelayInbox<H> extends AutoCloseable {
  /** Registers the worker and starts renewing its lease. */
  void start(String workerId);

  /**
   * Up to {@code max} requests for this worker, waiting at most {@code wait} for some to arrive
   * (woken by the engine, never polled in a busy loop). Called from one thread.
   */
  List<ClaimedRequest<H>> claim(int max, Duration wait) throws InterruptedException;

  /**
   * Whether {@link #seal} must be called before {@code request} starts: later edits of the same
   * message may still be merged into it in the engine. False where the claim itself ends merging
   * (PostgreSQL merges only into unclaimed rows).
   */
  default boolean merges(ClaimedRequest<H> request) {
    return false;
  }

  /**
   * Ends merging into {@code request} and returns it with its current body (the latest content
   * merged into it). Blocking; a worker that takes the request over later gets the same body.
   *
   * @throws RelayException when the engine cannot be reached
   */
  default ClaimedRequest<H> seal(ClaimedRequest<H> request) {
    return request;
  }

  /**
   * Whether this worker still holds {@code request}: its lease (on Redis, its partition's) has not
   * run out. A request no longer held must not start; another worker may have it now.
   */
  boolean holds(ClaimedRequest<H> request);

  /**
   * Writes the answer to the request's bot instance and removes the request, unless another worker
   * has taken it over meanwhile (then nothing is written: the new holder answers). May hand back
   * the next request of the same channel, already claimed, to save a round trip.
   *
   * @throws RelayException when the engine could not record it; the claim is still this worker's,
   *     to try again or {@link #release}
   */
  Optional<ClaimedRequest<H>> complete(ClaimedRequest<H> request, WireResponse answer);

  /**
   * Removes a request without answering (its deadline passed; the bot has given up on it); like
   * {@link #complete} it may hand back the channel's next request, and throws when it cannot.
   */
  Optional<ClaimedRequest<H>> drop(ClaimedRequest<H> request);

  /**
   * Hands {@code request} back unanswered: it stays first in its channel and runs again, on this
   * worker or another (a send's nonce keeps it from posting twice).
   *
   * @throws RelayException when the engine could not be reached; the claim is still this worker's
   */
  void release(ClaimedRequest<H> request);

  /** Stops renewing the lease and closes its own connections at once, as a crash would. */
  void abandon();

  /**
   * Leaves: hands back what this worker holds and has not handed out (Redis: what it read ahead)
   * and stops renewing its lease. Claims still unsettled (requests still running at Discord) are
   * not released: they go to another worker only when the lease has run out, so nobody runs them
   * while they may still be running here.
   */
  @Override
  void close();
}
