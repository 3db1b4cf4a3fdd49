package dev.cogworks.core.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs schema migrations one process at a time. Processes that share one database (bots of
 * different shards, gateway workers) start together, and two Flyway runs of one module at once race
 * to create its history table: the second finds the tables of the first and no history yet,
 * baselines, and fails ("Unable to baseline schema history table … as it already exists"). A
 * session-level PostgreSQL advisory lock around each module's migration makes the second wait, then
 * find the module up to date. The lock lives on a connection of its own, outside the pool, so a
 * pool of one connection cannot deadlock with Flyway's; closing it releases the lock even if the
 * process dies mid-migration.
 */
public final class MigrationLock {
  /** The advisory lock's key, the same in every Cogworks process ("Cogworks" in ASCII). */
  static final long KEY = 0x436f67776f726b73L;

  /** Opens a connection of its own to the database being migrated. */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws SQLException;
  }

  private MigrationLock() {}

  /** Runs {@code migrations} holding the lock, waiting for it while another process holds it. */
  public static void around(Connector connector, Runnable migrations) {
    try (Connection connection = connector.open();
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
      try {
        migrations.run();
      } catch (RuntimeException failed) {
        // The migration's own error is the one to report; closing the connection frees the lock.
        try {
          statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
        } catch (SQLException unlock) {
          failed.addSuppressed(unlock);
        }
        throw failed;
      }
      statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot take the migration lock (pg_advisory_lock): " + e.getMessage(), e);
    }
  }
}
