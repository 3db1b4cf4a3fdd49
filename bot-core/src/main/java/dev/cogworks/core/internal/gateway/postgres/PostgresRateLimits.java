package dev.cogworks.core.internal.gateway.postgres;

import dev.cogworks.core.internal.gateway.GlobalWindow;
import dev.cogworks.core.internal.gateway.SharedRateLimits;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared limits in PostgreSQL. The global budget is one row holding the send times of the
 * latest {@code limit} requests, locked for the few microseconds a reservation takes; times come
 * from the server's clock, so workers on several machines agree on them.
 */
final class PostgresRateLimits implements SharedRateLimits {
  private static final Logger log = LoggerFactory.getLogger(PostgresRateLimits.class);

  private final PostgresGateway gateway;
  private final PostgresNames names;
  private volatile int perSecond = 50;

  PostgresRateLimits(PostgresGateway gateway) {
    this.gateway = gateway;
    this.names = gateway.names;
  }

  void perSecond(int perSecond) {
    this.perSecond = perSecond;
  }

  @Override
  public Duration reserveGlobal() {
    try (Connection c = gateway.pool().getConnection()) {
      c.setAutoCommit(false);
      try {
        long now;
        long[] recent;
        try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT recent, (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM "
                        + names.global()
                        + " WHERE id = 1 FOR UPDATE");
            ResultSet rs = ps.executeQuery()) {
          rs.next();
          Long[] boxed = (Long[]) rs.getArray(1).getArray();
          recent = Arrays.stream(boxed).mapToLong(Long::longValue).toArray();
          now = rs.getLong(2);
        }
        GlobalWindow.Reservation slot = GlobalWindow.reserve(recent, now, perSecond);
        try (PreparedStatement ps =
            c.prepareStatement("UPDATE " + names.global() + " SET recent = ? WHERE id = 1")) {
          Array array =
              c.createArrayOf("bigint", Arrays.stream(slot.recent()).boxed().toArray(Long[]::new));
          ps.setArray(1, array);
          ps.executeUpdate();
        }
        // Losing this on a server crash costs at most one second of pacing; no need to wait for
        // the disk.
        try (var st = c.createStatement()) {
          st.execute("SET LOCAL synchronous_commit = off");
        }
        c.commit();
        return Duration.ofMillis(slot.at() - now);
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // Without the engine, fall back to sending: Discord's own 429 handling still applies.
      log.warn("Cannot reserve a global slot: {}", e.getMessage());
      return Duration.ZERO;
    }
  }

  @Override
  public void block(long routeKey, String bucket, Instant until) {
    try (Connection c = gateway.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + names.buckets()
                    + " (route_key, bucket, blocked_until) VALUES (?, ?, ?)"
                    + " ON CONFLICT (route_key, bucket) DO UPDATE"
                    + " SET blocked_until = EXCLUDED.blocked_until")) {
      ps.setLong(1, routeKey);
      ps.setString(2, bucket);
      ps.setTimestamp(3, Timestamp.from(until));
      ps.executeUpdate();
    } catch (SQLException e) {
      log.warn("Cannot share an emptied bucket: {}", e.getMessage());
    }
  }

  @Override
  public Map<String, Instant> blocked(long routeKey) {
    Map<String, Instant> blocked = new HashMap<>();
    try (Connection c = gateway.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT bucket, blocked_until FROM "
                    + names.buckets()
                    + " WHERE route_key = ? AND blocked_until > now()")) {
      ps.setLong(1, routeKey);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          blocked.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        }
      }
    } catch (SQLException e) {
      log.warn("Cannot read shared buckets: {}", e.getMessage());
    }
    return blocked;
  }

  /** Forgets buckets that have refilled long ago, so the table stays small. */
  void prune() {
    try (Connection c = gateway.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "DELETE FROM "
                    + names.buckets()
                    + " WHERE blocked_until < now() - interval '1 minute'")) {
      ps.executeUpdate();
    } catch (SQLException ignored) {
      // next time
    }
  }
}
