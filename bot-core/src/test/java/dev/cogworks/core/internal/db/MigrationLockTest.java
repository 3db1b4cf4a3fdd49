package dev.cogworks.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.core.internal.config.CogworksConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Processes that start together on one database migrate it one at a time")
class MigrationLockTest {
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  @DisplayName(
      "Given 4 processes migrating the same modules on an empty database at once, when they run,"
          + " then every one succeeds and each migration is applied once")
  void concurrentStarts() throws Exception {
    // A few fresh databases, each migrated by 4 at once: without the lock, a Flyway run that
    // finds the tables of another and no history yet fails (about one round in a few here).
    for (int round = 0; round < 4; round++) {
      String name = "race" + round;
      try (Connection c = postgres.getPostgresDatabase().getConnection()) {
        c.createStatement().execute("CREATE DATABASE " + name);
      }
      String url = postgres.getJdbcUrl("postgres", name);
      CyclicBarrier together = new CyclicBarrier(4);
      List<CompletableFuture<Void>> processes = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        processes.add(
            CompletableFuture.runAsync(
                () -> {
                  try (Database database = Database.open(config(url))) {
                    together.await(10, TimeUnit.SECONDS);
                    database.migrate("core", "db/migration/core", getClass().getClassLoader());
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
      }
      CompletableFuture.allOf(processes.toArray(CompletableFuture[]::new))
          .get(60, TimeUnit.SECONDS);
      try (Database database = Database.open(config(url))) {
        int applied =
            database
                .jdbi()
                .withHandle(
                    h ->
                        h.createQuery(
                                "SELECT count(*) FROM flyway_history_core WHERE success"
                                    + " AND version IS NOT NULL AND version <> '0'")
                            .mapTo(Integer.class)
                            .one());
        assertThat(applied).isEqualTo(6);
      }
    }
  }

  private static CogworksConfig.Database config(String url) {
    return new CogworksConfig.Database(url, "", "", Path.of("unused"), 2, Duration.ofSeconds(5));
  }
}
