package dev.cogworks.app.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.testkit.TestEngines;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /health/ready while PostgreSQL is away: here one server is both the bot's database and the
 * external gateway's engine, so both parts go down together and come back together.
 */
@DisplayName("Admin server: readiness through a PostgreSQL outage (database and engine)")
class AdminOutagesTest {
  private static final int PORT = TestEngines.freePort();
  private static final Path DATA = TestEngines.tempDir("cogworks-admin-outage-pg");
  private static EmbeddedPostgres postgres = TestEngines.newPostgres(PORT, DATA);
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(probe)
          .config("database.url", TestEngines.jdbcUrl(PORT))
          .config("database.user", "postgres")
          .config("database.connect_timeout", "1s")
          .externalGateway("postgresql", TestEngines.jdbcUrl(PORT), 1);

  @AfterAll
  static void closeEngine() {
    TestEngines.close(postgres);
  }

  @Test
  @DisplayName("READY, then NOT_READY naming the database and the engine, then READY again")
  void outage() {
    var admin = bot.bot().admin().orElseThrow();
    AdminHttp http = new AdminHttp(admin.server().port(), admin.token().reveal());
    assertThat(http.get("/health/ready").status()).isEqualTo(200);

    TestEngines.close(postgres);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              AdminHttp.Answer ready = http.get("/health/ready");
              assertThat(ready.status()).isEqualTo(503);
              JsonNode parts = ready.json().path("parts");
              assertThat(parts.path("database").path("up").asBoolean()).isFalse();
              assertThat(parts.path("workers").path("up").asBoolean()).isFalse();
              assertThat(parts.path("shards").path("up").asBoolean()).isTrue();
            });
    assertThat(http.getWith("/health/live", null).status())
        .as("alive all along: a restart would not bring PostgreSQL back")
        .isEqualTo(200);

    postgres = TestEngines.newPostgres(PORT, DATA);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(http.get("/health/ready").status()).isEqualTo(200));
  }
}
