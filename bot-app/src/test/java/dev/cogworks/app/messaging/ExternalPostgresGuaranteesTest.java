package dev.cogworks.app.messaging;

import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.testkit.CogworksHarness;
import dev.cogworks.testkit.TestEngines;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("external_gateway guarantees on PostgreSQL, 3 workers")
class ExternalPostgresGuaranteesTest extends ExternalGatewayGuarantees {
  private static final int PORT = TestEngines.freePort();
  private static final Path DATA = TestEngines.tempDir("cogworks-gw-outage-pg");
  private static EmbeddedPostgres postgres = TestEngines.newPostgres(PORT, DATA);
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final CogworksHarness bot = harness(probe, "postgresql", TestEngines.jdbcUrl(PORT));

  @AfterAll
  static void closeEngine() {
    TestEngines.close(postgres);
  }

  @Override
  CogworksHarness bot() {
    return bot;
  }

  @Override
  ProbeCog probe() {
    return probe;
  }

  @Override
  void stopEngine() {
    TestEngines.close(postgres);
  }

  @Override
  void startEngine() {
    postgres = TestEngines.newPostgres(PORT, DATA);
  }

  @Override
  long storedAnswers(String instance) {
    String table = bot.botConfig().messaging().relay().responseQueue();
    try (Connection c = DriverManager.getConnection(TestEngines.jdbcUrl(PORT), "postgres", "");
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM " + table + " WHERE reply_to = ?")) {
      ps.setString(1, instance);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
