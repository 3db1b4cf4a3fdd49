package dev.cogworks.core.internal.relay.postgres;

import dev.cogworks.core.internal.relay.EngineControl;
import dev.cogworks.core.internal.relay.RelayException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The engine's workers table and pause switch on PostgreSQL. */
final class PostgresControl implements EngineControl {
  private final PostgresRelay engine;

  PostgresControl(PostgresRelay engine) {
    this.engine = engine;
  }

  @Override
  public List<WorkerLease> workers() {
    List<WorkerLease> workers = new ArrayList<>();
    try (Connection c = engine.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT worker_id, alive_until FROM "
                    + engine.names.workers()
                    + " ORDER BY worker_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        workers.add(new WorkerLease(rs.getString(1), rs.getTimestamp(2).toInstant()));
      }
      return workers;
    } catch (SQLException e) {
      throw new RelayException("cannot list the gateway's workers: " + e.getMessage(), e);
    }
  }

  /** Resuming wakes the workers at once (they would otherwise notice within a second). */
  @Override
  public void paused(boolean paused) {
    try (Connection c = engine.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE "
                    + engine.names.control()
                    + " SET paused = ? WHERE id = 1; SELECT pg_notify(?, '')")) {
      ps.setBoolean(1, paused);
      ps.setString(2, engine.names.requestChannel());
      ps.execute();
    } catch (SQLException e) {
      throw new RelayException("cannot switch the gateway's pause: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean paused() {
    try (Connection c = engine.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT paused FROM " + engine.names.control() + " WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() && rs.getBoolean(1);
    } catch (SQLException e) {
      throw new RelayException("cannot read the gateway's pause: " + e.getMessage(), e);
    }
  }
}
