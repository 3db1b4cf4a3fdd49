package dev.cogworks.core.internal.relay.postgres;

import dev.cogworks.core.internal.relay.ListenLoop;
import dev.cogworks.core.internal.relay.Outgoing;
import dev.cogworks.core.internal.relay.RelayClient;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.WireRequest;
import dev.cogworks.core.internal.relay.WireResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's side on PostgreSQL: inserts requests (a batch per transaction, with one NOTIFY to wake
 * the workers) and collects this instance's answers when its NOTIFY channel says some arrived.
 * Answers stay in their table until collected, so none is lost while the connection is down.
 */
final class PostgresRelayClient implements RelayClient {
  private static final Logger log = LoggerFactory.getLogger(PostgresRelayClient.class);

  private final PostgresRelay gateway;
  private final PostgresNames names;
  private final Duration responseTtl;
  private final ListenLoop loop;
  private volatile Connection listening;

  PostgresRelayClient(PostgresRelay gateway, Duration responseTtl) {
    this.gateway = gateway;
    this.names = gateway.names;
    this.responseTtl = responseTtl;
    this.loop = new ListenLoop("PostgreSQL", gateway.where());
  }

  @Override
  public Set<String> publishMerging(List<Outgoing> requests) {
    // One statement for the whole batch (arrays unnested into rows) and the NOTIFY: one round
    // trip, one commit. Ids follow the batch's order (ORDER BY ord): a channel's order is theirs.
    // A merging edit first tries to rewrite the row it names, which only succeeds while no worker
    // has claimed it (the claim and the rewrite both lock the row, so one of them sees the other);
    // it is added as a row of its own only when that failed.
    String r = names.requests();
    String sql =
        "WITH b AS (SELECT * FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[],"
            + " ?::timestamptz[], ?::text[], ?::uuid[], ?::text[]) WITH ORDINALITY"
            + " AS b(request_id, route_key, action, reply_to, deadline, body, replaces, merged,"
            + " ord)),"
            + " replaced AS (UPDATE "
            + r
            + " q SET body = b.merged FROM b WHERE b.replaces IS NOT NULL"
            + " AND q.request_id = b.replaces AND q.claimed_by IS NULL RETURNING q.request_id),"
            + " added AS (INSERT INTO "
            + r
            + " (request_id, route_key, action, reply_to, deadline, body)"
            + " SELECT b.request_id, b.route_key, b.action, b.reply_to, b.deadline, b.body FROM b"
            + " WHERE b.replaces IS NULL OR b.replaces NOT IN (SELECT request_id FROM replaced)"
            + " ORDER BY b.ord RETURNING 1)"
            + " SELECT (SELECT count(*) FROM added),"
            + " (SELECT coalesce(array_agg(request_id::text), '{}') FROM replaced),"
            + " pg_notify(?, '')";
    int n = requests.size();
    Object[] ids = new Object[n];
    Object[] keys = new Object[n];
    Object[] actions = new Object[n];
    Object[] replyTo = new Object[n];
    Object[] deadlines = new Object[n];
    Object[] bodies = new Object[n];
    Object[] replaces = new Object[n];
    Object[] merged = new Object[n];
    for (int i = 0; i < n; i++) {
      Outgoing o = requests.get(i);
      WireRequest w = o.request();
      ids[i] = UUID.fromString(w.requestId());
      keys[i] = w.request().routeKey();
      actions[i] = w.action();
      replyTo[i] = w.replyTo();
      deadlines[i] = Timestamp.from(w.deadline());
      bodies[i] = w.toJson();
      replaces[i] = o.merged() == null ? null : UUID.fromString(o.replaces());
      merged[i] = o.merged() == null ? null : o.merged().toJson();
    }
    try (Connection c = gateway.pool().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("uuid", ids));
      ps.setArray(2, c.createArrayOf("bigint", keys));
      ps.setArray(3, c.createArrayOf("text", actions));
      ps.setArray(4, c.createArrayOf("text", replyTo));
      ps.setArray(5, c.createArrayOf("timestamptz", deadlines));
      ps.setArray(6, c.createArrayOf("text", bodies));
      ps.setArray(7, c.createArrayOf("uuid", replaces));
      ps.setArray(8, c.createArrayOf("text", merged));
      ps.setString(9, names.requestChannel());
      Set<String> replaced = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        replaced.addAll(Arrays.asList((String[]) rs.getArray(2).getArray()));
      }
      loop.reachable(true);
      return replaced;
    } catch (SQLException e) {
      loop.reachable(false);
      throw new RelayException(
          "the gateway's PostgreSQL at " + gateway.where() + " is unreachable: " + e.getMessage(),
          e);
    }
  }

  @Override
  public void listen(String instance, Consumer<WireResponse> answers) {
    loop.start(instance, () -> session(instance, answers));
  }

  /** One connection's life: LISTEN, collect what came meanwhile, then deliver as notified. */
  private void session(String instance, Consumer<WireResponse> answers) throws SQLException {
    try (Connection c = gateway.dedicatedConnection()) {
      listening = c;
      try (var st = c.createStatement()) {
        st.execute("LISTEN \"" + names.answerChannel(instance) + "\"");
      }
      loop.connected();
      PGConnection pg = c.unwrap(PGConnection.class);
      collect(c, instance, answers);
      while (!loop.closed()) {
        PGNotification[] notes = pg.getNotifications(10_000);
        if (notes != null && notes.length > 0) {
          deliver(c, instance, notes, answers);
        } else if (!c.isValid(2)) {
          throw new SQLException("connection lost");
        }
      }
    }
  }

  /**
   * Answers small enough travel in the NOTIFY payload itself: delivered at once, then their rows
   * deleted in one statement. A bare notification means "collect from the table".
   */
  private void deliver(
      Connection c, String instance, PGNotification[] notes, Consumer<WireResponse> answers)
      throws SQLException {
    List<UUID> delivered = new ArrayList<>();
    boolean collect = false;
    for (PGNotification note : notes) {
      String payload = note.getParameter();
      if (payload == null || payload.isEmpty()) {
        collect = true;
        continue;
      }
      try {
        WireResponse answer = WireResponse.fromJson(payload);
        answers.accept(answer);
        delivered.add(UUID.fromString(answer.requestId()));
      } catch (RuntimeException e) {
        log.warn("Ignoring an unreadable gateway answer: {}", e.getMessage());
      }
    }
    if (!delivered.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + names.responses() + " WHERE request_id = ANY(?)")) {
        ps.setArray(1, c.createArrayOf("uuid", delivered.toArray()));
        ps.executeUpdate();
      }
    }
    if (collect) {
      collect(c, instance, answers);
    }
  }

  private void collect(Connection c, String instance, Consumer<WireResponse> answers)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM " + names.responses() + " WHERE reply_to = ? RETURNING body")) {
      ps.setString(1, instance);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String body = rs.getString(1);
          try {
            answers.accept(WireResponse.fromJson(body));
          } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable gateway answer: {}", e.getMessage());
          }
        }
      }
    }
  }

  @Override
  public boolean reachable() {
    return loop.reachable();
  }

  @Override
  public int expireAnswers() {
    try (Connection c = gateway.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "DELETE FROM "
                    + names.responses()
                    + " WHERE created_at < now() - make_interval(secs => ?)")) {
      ps.setDouble(1, responseTtl.toMillis() / 1000.0);
      return ps.executeUpdate();
    } catch (SQLException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    loop.close();
    Connection c = listening;
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // closing anyway
    }
  }
}
