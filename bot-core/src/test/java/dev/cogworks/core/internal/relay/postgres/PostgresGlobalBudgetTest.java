package dev.cogworks.core.internal.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.messaging.GlobalBudgetContract;
import dev.cogworks.core.internal.relay.SharedRequestPacer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The PostgreSQL engine's global budget follows the one rule")
class PostgresGlobalBudgetTest {
  private static final int LIMIT = GlobalBudgetContract.LIMIT;

  /** Discord counts the global limit per second; the shared window's margin is on top of it. */
  private static final long DISCORD_WINDOW_MILLIS = 1000;

  @Test
  @DisplayName("The taking function gives the Java rule's answers, request by request")
  void sameRule() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
        PostgresRelay relay = PostgresRelay.open(config(postgres))) {
      PostgresRateLimits limits = (PostgresRateLimits) relay.rateLimits();
      GlobalBudgetContract.assertSameWaits(limits::take);
    }
  }

  @Test
  @DisplayName(
      "A slot taken behind another process's call is timed from its turn: the requests after"
          + " it still keep Discord's window")
  void queuedReservationKeepsTheWindow() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
        PostgresRelay relay = PostgresRelay.open(config(postgres))) {
      PostgresRateLimits limits = (PostgresRateLimits) relay.rateLimits();
      CompletableFuture<Long> queued;
      // Another process's call holds the budget's row, as dozens do in turn when several
      // workers start a wide burst together; here it holds it long enough to be measured.
      try (Connection other = relay.pool().getConnection()) {
        other.setAutoCommit(false);
        try (Statement lock = other.createStatement()) {
          lock.execute("SELECT recent FROM " + relay.names.global() + " WHERE id = 1 FOR UPDATE");
        }
        queued = CompletableFuture.supplyAsync(() -> sendTime(limits));
        await().atMost(Duration.ofSeconds(10)).until(() -> reservationsWaitingOnLock(relay) == 1);
        await()
            .during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(5))
            .until(() -> !queued.isDone());
        other.commit();
      }
      List<Long> sends = new ArrayList<>();
      sends.add(queued.join());
      for (int i = 0; i < 2 * LIMIT; i++) {
        sends.add(sendTime(limits));
      }
      sends.sort(null);
      for (int i = 0; i + LIMIT < sends.size(); i++) {
        assertThat(sends.get(i + LIMIT) - sends.get(i))
            .as("time from request %d to request %d, %d requests later", i, i + LIMIT, LIMIT)
            .isGreaterThanOrEqualTo(DISCORD_WINDOW_MILLIS);
      }
    }
  }

  /**
   * Takes a slot by the server's clock, as a worker's pacer does, and returns when its caller sends
   * the request (this JVM's monotonic milliseconds): the moment the pacer lets it go.
   */
  private static long sendTime(PostgresRateLimits limits) {
    try {
      new SharedRequestPacer(limits, LIMIT).acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return System.nanoTime() / 1_000_000;
  }

  private static int reservationsWaitingOnLock(PostgresRelay relay) throws SQLException {
    try (Connection c = relay.pool().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND query LIKE '%_take(%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private CogworksConfig config(EmbeddedPostgres postgres) {
    return ConfigLoader.load(
        null,
        ConfigFactory.parseMap(
            Map.of(
                "messaging.mode", "external_gateway",
                "messaging.global_requests_per_second", LIMIT,
                "messaging.gateway.queue_type", "postgresql",
                "messaging.gateway.postgresql.url", postgres.getJdbcUrl("postgres", "postgres"),
                "messaging.gateway.postgresql.user", "postgres")),
        getClass().getClassLoader());
  }
}
