package dev.cogworks.markov;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * People's data deletions made through other processes of the bot (shards split over processes
 * sharing one database). A deletion removes the person's messages from the store in every server,
 * but only the process that ran it can make its models forget them; the others learn of it here
 * ({@code markov_deletions}) at their next learning round and rebuild their servers' models from
 * the store. Every method blocks.
 */
final class ForeignDeletions {
  /** How long a deletion's row is kept: far longer than any learning round. */
  private static final Duration KEPT = Duration.ofDays(7);

  private final MarkovStore store;
  private final Set<Long> own = ConcurrentHashMap.newKeySet();
  private volatile long seen;

  ForeignDeletions(MarkovStore store) {
    this.store = store;
  }

  /** At start: the models are built from the store as it is now, so older deletions are in. */
  void start() {
    seen = store.lastDeletion();
  }

  /** This process deleted a person's data (and its models forgot it already). */
  void deletedHere() {
    own.add(store.recordDeletion());
  }

  /** Whether another process deleted a person's data since the last call. */
  boolean sinceLastCall() {
    List<Long> ids = store.deletionsAfter(seen);
    boolean foreign = false;
    for (long id : ids) {
      foreign |= !own.remove(id);
      seen = Math.max(seen, id);
    }
    store.pruneDeletions(Instant.now().minus(KEPT).atOffset(ZoneOffset.UTC));
    return foreign;
  }
}
