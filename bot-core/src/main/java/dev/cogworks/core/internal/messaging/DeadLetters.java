package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.MessagingQueue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that failed for good, in {@code core_dead_letters}: every final failure lands here with
 * its request, error, attempts and times, so nothing fails in a log line alone. They can be listed,
 * sent again, or discarded (the monitor puts this on a page).
 */
public final class DeadLetters {
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  /** One dead letter. */
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
  private volatile MessagingQueue queue;

  public DeadLetters(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  void attach(MessagingQueue queue) {
    this.queue = queue;
  }

  void record(DiscordRequest<?> request, Throwable error, int attempts, Instant firstAttemptAt) {
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO core_dead_letters (action, route_key, request, error, attempts, first_attempt_at)"
                          + " VALUES (:action, :route, CAST(:request AS jsonb), :error, :attempts, :first)")
                  .bind("action", request.action())
                  .bind("route", request.routeKey())
                  .bind("request", RequestCodec.encode(request))
                  .bind("error", error.getClass().getSimpleName() + ": " + error.getMessage())
                  .bind("attempts", attempts)
                  .bind(
                      "first",
                      firstAttemptAt == null ? null : java.sql.Timestamp.from(firstAttemptAt))
                  .execute());
    } catch (RuntimeException e) {
      log.error(
          "Could not store dead letter for {} on {}: {}",
          request.action(),
          request.routeKey(),
          e.toString());
    }
  }

  /** The newest dead letters first. */
  public List<DeadLetter> list(int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, action, route_key, request::text AS request, error, attempts,"
                        + " first_attempt_at, failed_at FROM core_dead_letters ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new DeadLetter(
                            rs.getLong("id"),
                            rs.getString("action"),
                            rs.getLong("route_key"),
                            rs.getString("request"),
                            rs.getString("error"),
                            rs.getInt("attempts"),
                            rs.getTimestamp("first_attempt_at") == null
                                ? null
                                : rs.getTimestamp("first_attempt_at").toInstant(),
                            rs.getTimestamp("failed_at").toInstant()))
                .list());
  }

  public int count() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT count(*) FROM core_dead_letters").mapTo(Integer.class).one());
  }

  /**
   * Sends a dead letter again through the queue. It leaves the store now; if it fails again it
   * comes back as a new dead letter.
   */
  public CompletableFuture<Object> retry(long id) {
    Optional<String> json =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "DELETE FROM core_dead_letters WHERE id = :id RETURNING request::text")
                    .bind("id", id)
                    .mapTo(String.class)
                    .findOne());
    if (json.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("no dead letter " + id));
    }
    @SuppressWarnings("unchecked")
    DiscordRequest<Object> request = (DiscordRequest<Object>) RequestCodec.decode(json.get());
    return queue.submit(request);
  }

  /** Forgets a dead letter; true if it existed. */
  public boolean discard(long id) {
    return jdbi.withHandle(
            h ->
                h.createUpdate("DELETE FROM core_dead_letters WHERE id = :id")
                    .bind("id", id)
                    .execute())
        > 0;
  }
}
