package dev.cogworks.core.internal.relay.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cogworks.core.internal.relay.ClaimedRequest;
import dev.cogworks.core.internal.relay.LeaseHeartbeat;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.RelayInbox;
import dev.cogworks.core.internal.relay.WireResponse;
import java.io.IOException;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side on PostgreSQL. Order per channel: a request is claimable only while it is the
 * head of its route key (the oldest row; rows are deleted when answered), so at most one request
 * per channel runs at a time, across all workers, in submission order. {@code SKIP LOCKED} lets
 * workers claim side by side without waiting on each other; a claim whose worker's lease has run
 * out is free. Claims walk the heads table (one row per channel with queued requests), never the
 * backlog.
 */
final class PostgresInbox implements RelayInbox<Long> {
  private static final Logger log = LoggerFactory.getLogger(PostgresInbox.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PostgresRelay engine;
  private final PostgresNames names;
  private final Duration lease;
  private final PostgresRateLimits limits;

  /** Row ids claimed here and not yet settled. */
  private final Set<Long> held = ConcurrentHashMap.newKeySet();

  private String workerId;
  private LeaseHeartbeat heartbeat;
  private Connection listening;

  PostgresInbox(PostgresRelay engine, Duration lease, PostgresRateLimits limits) {
    this.engine = engine;
    this.names = engine.names;
    this.lease = lease;
    this.limits = limits;
  }

  @Override
  public void start(String workerId) {
    this.workerId = workerId;
    heartbeat = new LeaseHeartbeat(workerId, lease, this::renewLease);
    heartbeat.start();
    // Forget buckets that refilled long ago, so that table stays small.
    heartbeat.every(Duration.ofMinutes(1), limits::prune);
  }

  private void renewLease() throws SQLException {
    try (Connection c = engine.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + names.workers()
                    + " (worker_id, alive_until) VALUES (?, now() + make_interval(secs => ?))"
                    + " ON CONFLICT (worker_id) DO UPDATE SET alive_until = EXCLUDED.alive_until")) {
      ps.setString(1, workerId);
      ps.setDouble(2, lease.toMillis() / 1000.0);
      ps.executeUpdate();
    }
  }

  @Override
  public List<ClaimedRequest<Long>> claim(int max, Duration wait) throws InterruptedException {
    try {
      List<ClaimedRequest<Long>> claimed = claimHeads(max);
      if (!claimed.isEmpty()) {
        return claimed;
      }
      if (awaitNotification(wait)) {
        return claimHeads(max);
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
      listening = engine.dedicatedConnection();
      try (var st = listening.createStatement()) {
        st.execute("LISTEN \"" + names.requestChannel() + "\"");
      }
    }
    var notes =
        listening.unwrap(PGConnection.class).getNotifications((int) Math.max(1, wait.toMillis()));
    return notes != null && notes.length > 0;
  }

  private List<ClaimedRequest<Long>> claimHeads(int max) throws SQLException {
    if (max < 1) {
      return List.of();
    }
    try (Connection c = engine.pool().getConnection()) {
      return claimHeads(c, max, null);
    }
  }

  private List<ClaimedRequest<Long>> claimHeads(Connection c, int max, Long routeKey)
      throws SQLException {
    List<ClaimedRequest<Long>> claimed = new ArrayList<>();
    try (PreparedStatement ps = prepareClaim(c, "", max, routeKey);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        claimed.add(
            new ClaimedRequest<>(
                rs.getString(2),
                rs.getLong(1),
                rs.getLong(3),
                rs.getInt(4),
                blocked(rs.getString(5))));
      }
    }
    claimed.sort(Comparator.comparingLong(ClaimedRequest::handle));
    claimed.forEach(r -> held.add(r.handle()));
    return claimed;
  }

  /**
   * The claim: up to {@code max} heads, oldest first, of {@code routeKey} alone when given, that no
   * live worker holds. {@code prefix} goes before it (tests put {@code EXPLAIN} there).
   */
  PreparedStatement prepareClaim(Connection c, String prefix, int max, Long routeKey)
      throws SQLException {
    String r = names.requests();
    PreparedStatement ps =
        c.prepareStatement(
            prefix
                + "WITH heads AS (SELECT r.id FROM "
                + names.heads()
                + " h JOIN "
                + r
                + " r ON r.id = h.head_id"
                + " WHERE (r.claimed_by IS NULL OR NOT EXISTS (SELECT 1 FROM "
                + names.workers()
                + " w WHERE w.worker_id = r.claimed_by AND w.alive_until > now()))"
                + (routeKey == null ? "" : " AND h.route_key = ?")
                + " ORDER BY h.head_id LIMIT ? FOR UPDATE OF r SKIP LOCKED)"
                + " UPDATE "
                + r
                + " q SET claimed_by = ?, claimed_at = now(), deliveries = q.deliveries + 1"
                + " FROM heads WHERE q.id = heads.id"
                + " RETURNING q.id, q.body, q.route_key, q.deliveries,"
                + " (SELECT coalesce(json_object_agg(b.bucket,"
                + " ceil(extract(epoch FROM b.blocked_until) * 1000)::bigint), '{}') FROM "
                + names.buckets()
                + " b WHERE b.route_key = q.route_key AND b.blocked_until > now())::text");
    int i = 1;
    if (routeKey != null) {
      ps.setLong(i++, routeKey);
    }
    ps.setInt(i++, max);
    ps.setString(i, workerId);
    return ps;
  }

  private static Map<String, Instant> blocked(String json) {
    Map<String, Instant> blocked = new HashMap<>();
    try {
      JsonNode node = JSON.readTree(json);
      node.fields()
          .forEachRemaining(
              e -> blocked.put(e.getKey(), Instant.ofEpochMilli(e.getValue().asLong())));
    } catch (IOException e) {
      // no known empty buckets then
    }
    return blocked;
  }

  @Override
  public boolean holds(ClaimedRequest<Long> request) {
    return heartbeat.live();
  }

  @Override
  public Optional<ClaimedRequest<Long>> complete(
      ClaimedRequest<Long> request, WireResponse answer) {
    return finish(request, answer);
  }

  @Override
  public Optional<ClaimedRequest<Long>> drop(ClaimedRequest<Long> request) {
    return finish(request, null);
  }

  /**
   * Deletes the request, writes its answer and notifies its bot in one statement (one round trip,
   * one commit), then claims the next request of the same channel, which has just become its head.
   * Nothing is written when another worker has taken the request over: that worker answers it.
   */
  private Optional<ClaimedRequest<Long>> finish(ClaimedRequest<Long> request, WireResponse answer) {
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
    try (Connection c = engine.pool().getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, request.handle());
        ps.setString(2, workerId);
        ps.setString(3, json);
        ps.setBoolean(4, answer != null);
        ps.setBoolean(5, answer != null);
        ps.setString(6, names.responses());
        ps.setString(7, payload);
        try (ResultSet rs = ps.executeQuery()) {
          held.remove(request.handle());
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
      throw new RelayException(
          "cannot record the answer of request " + request.handle() + ": " + e.getMessage(), e);
    }
  }

  /** Clears the claim (if still ours) and wakes the workers: the row is its channel's head. */
  @Override
  public void release(ClaimedRequest<Long> request) {
    try (Connection c = engine.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "WITH freed AS (UPDATE "
                    + names.requests()
                    + " SET claimed_by = NULL WHERE id = ? AND claimed_by = ? RETURNING 1)"
                    + " SELECT pg_notify(?, '') FROM freed")) {
      ps.setLong(1, request.handle());
      ps.setString(2, workerId);
      ps.setString(3, names.requestChannel());
      ps.executeQuery().close();
      held.remove(request.handle());
    } catch (SQLException e) {
      throw new RelayException(
          "cannot hand back request " + request.handle() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void abandon() {
    heartbeat.close();
    closeListening();
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

  /**
   * Nothing held: this worker's lease row goes, and the workers are woken. Requests still running
   * keep their claims and the lease row, which runs out by itself (another worker then takes them).
   */
  @Override
  public void close() {
    heartbeat.close();
    if (!held.isEmpty()) {
      log.warn(
          "Worker {} leaves {} request(s) claimed; another worker takes them when its lease runs"
              + " out",
          workerId,
          held.size());
    } else {
      try (Connection c = engine.pool().getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM "
                      + names.workers()
                      + " WHERE worker_id = ?;"
                      + " SELECT pg_notify(?, '')")) {
        ps.setString(1, workerId);
        ps.setString(2, names.requestChannel());
        ps.execute();
      } catch (SQLException e) {
        log.warn("Worker {} could not leave cleanly: {}", workerId, e.getMessage());
      }
    }
    closeListening();
  }
}
