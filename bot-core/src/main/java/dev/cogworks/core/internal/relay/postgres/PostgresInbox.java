package dev.cogworks.core.internal.relay.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.relay.ClaimedRequest;
import dev.cogworks.core.internal.relay.RelayInbox;
import dev.cogworks.core.internal.relay.SharedRateLimits;
import dev.cogworks.core.internal.relay.WireResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side on PostgreSQL. Order per channel: a request is claimable only while it is the
 * oldest row of its route key (rows are deleted when answered), so at most one request per channel
 * runs at a time, across all workers, in submission order. {@code SKIP LOCKED} lets workers claim
 * side by side without waiting on each other; a claim whose worker's lease has run out is free.
 */
final class PostgresInbox implements RelayInbox {
  private static final Logger log = LoggerFactory.getLogger(PostgresInbox.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PostgresRelay gateway;
  private final PostgresNames names;
  private final Duration lease;
  private final PostgresRateLimits limits;
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gateway-lease"));
  private final String claimSql;
  private String workerId;
  private Connection listening;

  PostgresInbox(PostgresRelay gateway, Duration lease, PostgresRateLimits limits) {
    this.gateway = gateway;
    this.names = gateway.names;
    this.lease = lease;
    this.limits = limits;
    String r = names.requests();
    this.claimSql =
        "WITH heads AS (SELECT r.id FROM "
            + r
            + " r WHERE (r.claimed_by IS NULL OR NOT EXISTS (SELECT 1 FROM "
            + names.workers()
            + " w WHERE w.worker_id = r.claimed_by AND w.alive_until > now()))"
            + " AND NOT EXISTS (SELECT 1 FROM "
            + r
            + " e WHERE e.route_key = r.route_key AND e.id < r.id) %s"
            + " ORDER BY r.id LIMIT ? FOR UPDATE OF r SKIP LOCKED)"
            + " UPDATE "
            + r
            + " q SET claimed_by = ?, claimed_at = now(), deliveries = q.deliveries + 1"
            + " FROM heads WHERE q.id = heads.id"
            + " RETURNING q.id, q.body, q.route_key, q.deliveries,"
            + " (SELECT coalesce(json_object_agg(b.bucket,"
            + " (extract(epoch FROM b.blocked_until) * 1000)::bigint), '{}') FROM "
            + names.buckets()
            + " b WHERE b.route_key = q.route_key AND b.blocked_until > now())::text";
  }

  @Override
  public void start(String workerId) {
    this.workerId = workerId;
    renewLease();
    long every = Math.max(200, lease.toMillis() / 3);
    heartbeat.scheduleAtFixedRate(this::renewLease, every, every, TimeUnit.MILLISECONDS);
    // Forget buckets that refilled long ago, so that table stays small.
    heartbeat.scheduleAtFixedRate(limits::prune, 1, 1, TimeUnit.MINUTES);
  }

  private void renewLease() {
    try (Connection c = gateway.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + names.workers()
                    + " (worker_id, alive_until) VALUES (?, now() + make_interval(secs => ?))"
                    + " ON CONFLICT (worker_id) DO UPDATE SET alive_until = EXCLUDED.alive_until")) {
      ps.setString(1, workerId);
      ps.setDouble(2, lease.toMillis() / 1000.0);
      ps.executeUpdate();
    } catch (SQLException e) {
      log.warn("Cannot renew the lease of worker {}: {}", workerId, e.getMessage());
    }
  }

  @Override
  public List<ClaimedRequest> claim(int max, Duration wait) throws InterruptedException {
    try {
      List<ClaimedRequest> claimed = claimHeads(max, null);
      if (!claimed.isEmpty()) {
        return claimed;
      }
      if (awaitNotification(wait)) {
        return claimHeads(max, null);
      }
      return List.of();
    } catch (SQLException e) {
      log.warn("Cannot claim requests: {}", e.getMessage());
      closeListening();
      Thread.sleep(Math.min(wait.toMillis(), 1000));
      return List.of();
    }
  }

  /** Waits for a NOTIFY on the requests channel; true when one came. */
  private boolean awaitNotification(Duration wait) throws SQLException {
    if (listening == null) {
      listening = gateway.dedicatedConnection();
      try (var st = listening.createStatement()) {
        st.execute("LISTEN \"" + names.requestChannel() + "\"");
      }
    }
    var notes =
        listening.unwrap(PGConnection.class).getNotifications((int) Math.max(1, wait.toMillis()));
    return notes != null && notes.length > 0;
  }

  private List<ClaimedRequest> claimHeads(int max, Long routeKey) throws SQLException {
    if (max < 1) {
      return List.of();
    }
    try (Connection c = gateway.pool().getConnection()) {
      return claimHeads(c, max, routeKey);
    }
  }

  private List<ClaimedRequest> claimHeads(Connection c, int max, Long routeKey)
      throws SQLException {
    String sql = String.format(claimSql, routeKey == null ? "" : "AND r.route_key = ?");
    List<ClaimedRequest> claimed = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (routeKey != null) {
        ps.setLong(i++, routeKey);
      }
      ps.setInt(i++, max);
      ps.setString(i, workerId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.add(
              new ClaimedRequest(
                  rs.getString(2),
                  rs.getLong(1),
                  rs.getLong(3),
                  rs.getInt(4),
                  blocked(rs.getString(5))));
        }
      }
    }
    claimed.sort(Comparator.comparingLong(r -> (Long) r.handle()));
    return claimed;
  }

  private static Map<String, Instant> blocked(String json) {
    Map<String, Instant> blocked = new HashMap<>();
    try {
      JsonNode node = JSON.readTree(json);
      node.fields()
          .forEachRemaining(
              e -> blocked.put(e.getKey(), Instant.ofEpochMilli(e.getValue().asLong())));
    } catch (java.io.IOException e) {
      // no known empty buckets then
    }
    return blocked;
  }

  @Override
  public Optional<ClaimedRequest> complete(ClaimedRequest request, WireResponse answer) {
    return finish(request, answer);
  }

  @Override
  public Optional<ClaimedRequest> drop(ClaimedRequest request) {
    return finish(request, null);
  }

  /**
   * Deletes the request, writes its answer and notifies its bot in one statement (one round trip,
   * one commit), then claims the next request of the same channel, which has just become its head.
   * Nothing is written when another worker has taken the request over: that worker answers it.
   */
  private Optional<ClaimedRequest> finish(ClaimedRequest request, WireResponse answer) {
    String sql =
        "WITH done AS (DELETE FROM "
            + names.requests()
            + " WHERE id = ? AND claimed_by = ? RETURNING request_id, reply_to),"
            + " answered AS (INSERT INTO "
            + names.responses()
            + " (request_id, reply_to, body) SELECT request_id, reply_to, ? FROM done WHERE ?"
            + " ON CONFLICT (request_id) DO NOTHING)"
            + " SELECT reply_to, CASE WHEN ? THEN pg_notify(? || '_' || reply_to, ?) END FROM done";
    String json = answer == null ? "" : answer.toJson();
    // NOTIFY payloads hold under 8000 bytes; a bigger answer is collected from the table.
    String payload = json.getBytes(StandardCharsets.UTF_8).length < 7900 ? json : "";
    try (Connection c = gateway.pool().getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, (Long) request.handle());
        ps.setString(2, workerId);
        ps.setString(3, json);
        ps.setBoolean(4, answer != null);
        ps.setBoolean(5, answer != null);
        ps.setString(6, names.responses());
        ps.setString(7, payload);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            log.info(
                "Request {} was taken over by another worker; not answering it twice",
                request.handle());
            return Optional.empty();
          }
        }
      }
      return claimHeads(c, 1, request.routeKey()).stream().findFirst();
    } catch (SQLException e) {
      // The claim stays ours until the lease runs out; then another worker runs it again, and the
      // nonce keeps a send from posting twice.
      log.warn("Cannot record the answer of request {}: {}", request.handle(), e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public SharedRateLimits rateLimits() {
    return limits;
  }

  @Override
  public void abandon() {
    heartbeat.shutdownNow();
    closeListening();
    gateway.close();
  }

  private void closeListening() {
    if (listening != null) {
      try {
        listening.close();
      } catch (SQLException ignored) {
        // it is going anyway
      }
      listening = null;
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try (Connection c = gateway.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE "
                    + names.requests()
                    + " SET claimed_by = NULL WHERE claimed_by = ?;"
                    + " DELETE FROM "
                    + names.workers()
                    + " WHERE worker_id = ?;"
                    + " SELECT pg_notify(?, '')")) {
      ps.setString(1, workerId);
      ps.setString(2, workerId);
      ps.setString(3, names.requestChannel());
      ps.execute();
    } catch (SQLException e) {
      log.warn("Worker {} could not release its claims: {}", workerId, e.getMessage());
    }
    closeListening();
  }
}
