package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Requests still queued when the bot stopped, in {@code core_pending_requests}, taken back at the
 * next start in their original order. With their nonces kept, a send that did reach Discord before
 * the stop is not posted twice.
 */
final class PendingRequests {
  private final Jdbi jdbi;

  PendingRequests(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  void save(List<DiscordRequest<?>> requests, Instant queuedAt) {
    jdbi.useTransaction(
        h -> {
          var batch =
              h.prepareBatch(
                  "INSERT INTO core_pending_requests (request, queued_at) VALUES (CAST(:request AS jsonb), :at)");
          for (DiscordRequest<?> request : requests) {
            batch
                .bind("request", RequestCodec.encode(request))
                .bind("at", Timestamp.from(queuedAt))
                .add();
          }
          batch.execute();
        });
  }

  /** Removes and returns every pending request, oldest first. */
  List<DiscordRequest<?>> takeAll() {
    return jdbi.inTransaction(
        h ->
            h
                .createQuery(
                    "DELETE FROM core_pending_requests RETURNING id, request::text AS request")
                .map((rs, ctx) -> new Object[] {rs.getLong("id"), rs.getString("request")})
                .list()
                .stream()
                .sorted(java.util.Comparator.comparingLong(row -> (Long) row[0]))
                .<DiscordRequest<?>>map(row -> RequestCodec.decode((String) row[1]))
                .toList());
  }
}
