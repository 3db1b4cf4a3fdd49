package dev.cogworks.app.messaging;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
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
  static final PlatformHarness bot = harness(probe, "postgresql", TestEngines.jdbcUrl(PORT));

  @AfterAll
  static void closeEngine() {
    TestEngines.close(postgres);
  }

  @Override
  PlatformHarness bot() {
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
  String holder() {
    return query("SELECT claimed_by FROM " + requests() + " WHERE claimed_by IS NOT NULL LIMIT 1");
  }

  /** Renamed away, the answers table makes every answer's INSERT fail. */
  @Override
  void breakAnswers() {
    execute("ALTER TABLE " + responses() + " RENAME TO " + responses() + "_away");
  }

  @Override
  void restoreAnswers() {
    execute("ALTER TABLE " + responses() + "_away RENAME TO " + responses());
  }

  private static String requests() {
    return bot.botConfig().messaging().relay().requestQueue();
  }

  private static String responses() {
    return bot.botConfig().messaging().relay().responseQueue();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(TestEngines.jdbcUrl(PORT), "postgres", "");
  }

  private static String query(String sql) {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(String sql) {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  long storedAnswers(String instance) {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM " + responses() + " WHERE reply_to = ?")) {
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
