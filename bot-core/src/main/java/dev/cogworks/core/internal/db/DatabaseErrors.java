package dev.cogworks.core.internal.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a failure because PostgreSQL cannot be reached from one in the query or the data. */
public final class DatabaseErrors {
  private DatabaseErrors() {}

  /**
   * Whether {@code failure} (or a cause) says the database is out of reach: the pool found no
   * connection in time, the connection was refused or broke, or the server is shutting down or
   * starting (SQLSTATE class 08, 57P01–57P03).
   */
  public static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.matches("57P0[123]")) {
          return true;
        }
      }
    }
    return false;
  }
}
