package dev.cogworks.core.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cogworks.core.internal.config.CogworksConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's PostgreSQL: the configured server, or an embedded one whose data lives in {@code
 * database.data_dir} so restarts keep it. Each module migrates its own tables with Flyway, from
 * {@code db/migration/<module>}, with a history table of its own.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final EmbeddedPostgres embedded;
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final MigrationLock.Connector direct;

  private Database(
      EmbeddedPostgres embedded, HikariDataSource pool, MigrationLock.Connector direct) {
    this.embedded = embedded;
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
    this.direct = direct;
  }

  public static Database open(CogworksConfig.Database config) {
    EmbeddedPostgres embedded = null;
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("cogworks");
    hikari.setMaximumPoolSize(config.poolSize());
    // Hikari waits 30 s for a connection by default; a bot should fail a request sooner than that.
    hikari.setConnectionTimeout(config.connectTimeout().toMillis());
    hikari.addDataSourceProperty(
        "connectTimeout", Math.max(1, config.connectTimeout().toSeconds()));
    if (config.embedded()) {
      embedded = startEmbedded(config);
      hikari.setJdbcUrl(embedded.getJdbcUrl("postgres", "postgres"));
    } else {
      hikari.setJdbcUrl(config.url());
      hikari.setUsername(config.user().isBlank() ? null : config.user());
      hikari.setPassword(config.password().isBlank() ? null : config.password());
    }
    String url = hikari.getJdbcUrl();
    java.util.Properties credentials = new java.util.Properties();
    if (!config.user().isBlank()) {
      credentials.setProperty("user", config.user());
    }
    if (!config.password().isBlank()) {
      credentials.setProperty("password", config.password());
    }
    try {
      return new Database(
          embedded,
          new HikariDataSource(hikari),
          () -> java.sql.DriverManager.getConnection(url, credentials));
    } catch (RuntimeException e) {
      if (embedded != null) {
        closeQuietly(embedded);
      }
      throw new IllegalStateException(
          "cannot connect to PostgreSQL at " + hikari.getJdbcUrl() + ": " + rootMessage(e), e);
    }
  }

  private static EmbeddedPostgres startEmbedded(CogworksConfig.Database config) {
    try {
      Files.createDirectories(config.dataDir());
      log.info("Starting embedded PostgreSQL with data in {}", config.dataDir().toAbsolutePath());
      // The embedded server's library starts PostgreSQL for tests, with fsync and synchronous
      // commits off; a bot keeps its users' data here, so it gets a durable one (what a commit
      // costs: scripts/bench.sh conversation).
      return EmbeddedPostgres.builder()
          .setDataDirectory(config.dataDir().toFile())
          .setCleanDataDirectory(false)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the embedded PostgreSQL in " + config.dataDir() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs a module's migrations from {@code db/migration/<module>} on its class loader; one process
   * at a time ({@link MigrationLock}), since processes sharing the database start together.
   */
  public void migrate(String module, String location, ClassLoader classLoader) {
    if (classLoader.getResource(location) == null) {
      return; // a module without tables
    }
    MigrationLock.around(
        direct,
        () ->
            Flyway.configure(classLoader)
                .dataSource(pool)
                .locations("classpath:" + location)
                .table("flyway_history_" + module.replaceAll("[^a-z0-9_]", "_"))
                // Several modules share the schema, each with its own history table.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate());
  }

  /** The embedded server's JDBC URL (user postgres, no password), or empty for a configured one. */
  public Optional<String> embeddedJdbcUrl() {
    return Optional.ofNullable(embedded).map(e -> e.getJdbcUrl("postgres", "postgres"));
  }

  /** The pool's meters (connections active, idle, pending, timings) in {@code registry}. */
  public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    pool.setMetricRegistry(registry);
  }

  public DataSource dataSource() {
    return pool;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) {
      closeQuietly(embedded);
    }
  }

  private static void closeQuietly(EmbeddedPostgres embedded) {
    try {
      embedded.close();
    } catch (IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage();
  }
}
