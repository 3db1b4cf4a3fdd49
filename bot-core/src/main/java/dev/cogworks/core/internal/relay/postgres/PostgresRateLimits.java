package dev.cogworks.core.internal.relay.postgres;

import dev.cogworks.core.internal.messaging.GlobalWindow;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.SharedRateLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared limits in PostgreSQL. The global budget is one row holding the send times of the
 * latest {@code limit} requests; taking a slot is one call of a function (migration V6) that locks
 * it for microseconds. Times come from the server's clock, so workers on several machines agree,
 * read once the call holds the row: calls from many workers queue on it, and a call timed from
 * before its turn would record its slot earlier than its request goes.
 */
final class PostgresRateLimits implements SharedRateLimits {
  private static final Logger log = LoggerFactory.getLogger(PostgresRateLimits.class);

  private final PostgresRelay gateway;
  private final PostgresNames names;
  private volatile int perSecond = 50;

  PostgresRateLimits(PostgresRelay gateway) {
    this.gateway = gateway;
    this.names = gateway.names;
  }

  void perSecond(int perSecond) {
    this.perSecond = perSecond;
  }

  @Override
  public Duration takeGlobal() {
    return Duration.ofMillis(Math.max(0, take(null)));
  }

  /**
   * The taking function ({@link GlobalWindow#takeNow}'s rule), asked at {@code nowMillis} or, when
   * null, by the server's clock; returns 0 when it took a slot, else the wait in milliseconds.
   */
  long take(Long nowMillis) {
    try (Connection c = gateway.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + names.requests() + "_take(?, ?, ?)")) {
      ps.setInt(1, perSecond);
      ps.setLong(2, GlobalWindow.SHARED_WINDOW_MILLIS);
      ps.setObject(3, nowMillis, java.sql.Types.BIGINT);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new RelayException(
          "cannot take a slot of the shared global budget: " + e.getMessage(), e);
    }
  }

  @Override
  public int liveWorkers() {
    try (Connection c = gateway.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM " + names.workers() + " WHERE alive_until > now()");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new RelayException("cannot count the live workers: " + e.getMessage(), e);
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
