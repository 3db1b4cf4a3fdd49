package dev.cogworks.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which failures mean "the database is out of reach" (a command then tells its user to try later)
 * rather than a bug. The end-to-end check, with PostgreSQL really stopped, is the bench's
 * EngineOutagesTest.
 */
@DisplayName("DatabaseErrors: an outage told apart from a bug")
class DatabaseErrorsTest {
  @Test
  @DisplayName("The pool's timeout, a refused connection, SQLSTATE 08 and 57P01-03 are outages")
  void outages() {
    // What Hikari throws when no connection comes within connect_timeout, wrapped as Jdbi does.
    assertThat(
            DatabaseErrors.unreachable(
                new CompletionException(
                    new ConnectionException(
                        new SQLTransientConnectionException("Connection is not available")))))
        .isTrue();
    assertThat(DatabaseErrors.unreachable(new RuntimeException(new ConnectException("refused"))))
        .isTrue();
    assertThat(DatabaseErrors.unreachable(new SQLException("I/O error", "08006"))).isTrue();
    assertThat(DatabaseErrors.unreachable(new SQLException("admin shutdown", "57P01"))).isTrue();
    assertThat(DatabaseErrors.unreachable(new SQLException("starting up", "57P03"))).isTrue();
  }

  @Test
  @DisplayName("A constraint violation, a syntax error or a plain bug are not")
  void bugs() {
    assertThat(DatabaseErrors.unreachable(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(DatabaseErrors.unreachable(new SQLException("syntax", "42601"))).isFalse();
    assertThat(DatabaseErrors.unreachable(new SQLException("no state"))).isFalse();
    assertThat(DatabaseErrors.unreachable(new IllegalStateException("bug"))).isFalse();
    assertThat(DatabaseErrors.unreachable(null)).isFalse();
  }
}
