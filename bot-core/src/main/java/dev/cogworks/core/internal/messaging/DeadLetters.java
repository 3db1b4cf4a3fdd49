package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.QueueFullException;
import dev.cogworks.core.internal.messaging.json.RequestJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;

/**
 * Requests that failed for good, in {@code core_dead_letters}: every final failure lands here with
 * its request, error, attempts and times, so nothing fails in a log line alone. They can be listed
 * (interaction tokens hidden), sent again, or discarded (the monitor puts this on a page). Letters
 * are written asynchronously ({@link DeadLetterWriter}), so recording one never blocks.
 *
 * <p>Each letter is stored under the shard of its request's guild, and everything here reads,
 * retries and discards only the letters of this process's shards ({@link #scope}): processes that
 * share one database never list, replay or discard each other's letters.
 */
public final class DeadLetters implements AutoCloseable {
  /** Letters waiting to be written at most; past it a letter is dropped with a count. */
  static final int WRITE_QUEUE = 10_000;

  /** One dead letter; {@code request} is its JSON with any interaction token redacted. */
  public record DeadLetter(
      long id,
      String action,
      long routeKey,
      String request,
      String error,
      int attempts,
      Instant firstAttemptAt,
      Instant failedAt) {}

  private final Jdbi jdbi;
  private final DeadLetterWriter writer;
  private volatile List<Integer> shards = List.of(0);

  public DeadLetters(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.writer = new DeadLetterWriter(jdbi, WRITE_QUEUE);
  }

  /** The shards whose letters this process sees: its own (shard 0 until it connects). */
  void scope(List<Integer> shards) {
    this.shards = List.copyOf(shards);
  }

  /** Queues a final failure to be written under {@code shard}; never blocks. */
  void record(
      DiscordRequest<?> request, Throwable error, int attempts, Instant firstAttemptAt, int shard) {
    writer.offer(
        new DeadLetterWriter.Letter(
            request,
            error.getClass().getSimpleName() + ": " + error.getMessage(),
            attempts,
            firstAttemptAt,
            shard));
  }

  /** Letters dropped because PostgreSQL could not take them fast enough. */
  public long dropped() {
    return writer.dropped();
  }

  /** Letters recorded and not yet written. */
  public int unwritten() {
    return writer.pending();
  }

  /** The newest dead letters of this process's shards first. */
  public List<DeadLetter> list(int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, action, route_key, request::text AS request, error, attempts,"
                        + " first_attempt_at, failed_at FROM core_dead_letters"
                        + " WHERE shard = ANY(:shards) ORDER BY id DESC LIMIT :limit")
                .bindArray("shards", Integer.class, shards)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new DeadLetter(
                            rs.getLong("id"),
                            rs.getString("action"),
                            rs.getLong("route_key"),
                            RequestJson.redacted(rs.getString("request")),
                            rs.getString("error"),
                            rs.getInt("attempts"),
                            rs.getTimestamp("first_attempt_at") == null
                                ? null
                                : rs.getTimestamp("first_attempt_at").toInstant(),
                            rs.getTimestamp("failed_at").toInstant()))
                .list());
  }

  /** How many letters this process's shards have. */
  public int count() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT count(*) FROM core_dead_letters WHERE shard = ANY(:shards)")
                .bindArray("shards", Integer.class, shards)
                .mapTo(Integer.class)
                .one());
  }

  /**
   * Sends a dead letter again through {@code queue}. The letter stays until the retry is settled:
   * it is deleted when the request succeeds, and when it fails again (the new failure is a new
   * letter); a retry the queue refuses at once leaves it where it was. A send keeps its nonce, so a
   * retry within Discord's de-duplication window cannot post twice. Empty when there is no letter
   * {@code id}: a retry that fails at once is still a retry (its failure is a new letter), which a
   * failed future alone could not tell from a missing letter. A letter of another process's shard
   * is not there for this one.
   */
  public Optional<CompletableFuture<Object>> retry(long id, MessagingQueue queue) {
    Optional<String> json =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT request::text FROM core_dead_letters"
                            + " WHERE id = :id AND shard = ANY(:shards)")
                    .bind("id", id)
                    .bindArray("shards", Integer.class, shards)
                    .mapTo(String.class)
                    .findOne());
    if (json.isEmpty()) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    DiscordRequest<Object> request = (DiscordRequest<Object>) RequestJson.decode(json.get());
    return Optional.of(
        queue
            .submit(request)
            .whenComplete(
                (value, failure) -> {
                  if (failure == null
                      || !(DiscordErrors.unwrap(failure) instanceof QueueFullException)) {
                    discard(id);
                  }
                }));
  }

  /** Forgets a dead letter of this process's shards; true if it existed. */
  public boolean discard(long id) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "DELETE FROM core_dead_letters WHERE id = :id AND shard = ANY(:shards)")
                    .bind("id", id)
                    .bindArray("shards", Integer.class, shards)
                    .execute())
        > 0;
  }

  /** Writes what is queued, for up to {@code deadline}. */
  public void close(Duration deadline) {
    writer.close(deadline);
  }

  @Override
  public void close() {
    writer.close();
  }
}
