package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.core.internal.messaging.json.RequestJson;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.ToIntFunction;
import org.jdbi.v3.core.Jdbi;

/**
 * Requests still queued when the bot stopped, in {@code core_pending_requests}, taken back at the
 * next start in their original order. With their nonces kept, a send that did reach Discord before
 * the stop is not posted twice. Each is stored under its shard, and a process takes back only the
 * shards it runs: processes sharing one database do not take each other's.
 */
public final class PendingRequests {
  private final Jdbi jdbi;

  public PendingRequests(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  void save(
      List<DiscordRequest<?>> requests, ToIntFunction<DiscordRequest<?>> shardOf, Instant at) {
    jdbi.useTransaction(
        h -> {
          var batch =
              h.prepareBatch(
                  "INSERT INTO core_pending_requests (request, queued_at, shard)"
                      + " VALUES (CAST(:request AS jsonb), :at, :shard)");
          for (DiscordRequest<?> request : requests) {
            batch
                .bind("request", RequestJson.encode(request))
                .bind("at", Timestamp.from(at))
                .bind("shard", shardOf.applyAsInt(request))
                .add();
          }
          batch.execute();
        });
  }

  /** Removes and returns the pending requests of {@code shards}, oldest first. */
  List<DiscordRequest<?>> take(List<Integer> shards) {
    return jdbi.inTransaction(
        h ->
            h
                .createQuery(
                    "DELETE FROM core_pending_requests WHERE shard = ANY(:shards)"
                        + " RETURNING id, request::text AS request")
                .bindArray("shards", Integer.class, shards)
                .map((rs, ctx) -> new Kept(rs.getLong("id"), rs.getString("request")))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparingLong(Kept::id))
                .<DiscordRequest<?>>map(kept -> RequestJson.decode(kept.json()))
                .toList());
  }

  private record Kept(long id, String json) {}
}
