package dev.cogworks.core.internal.relay.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigError;
import dev.cogworks.core.internal.db.MigrationLock;
import dev.cogworks.core.internal.relay.EngineControl;
import dev.cogworks.core.internal.relay.Invalidations;
import dev.cogworks.core.internal.relay.RelayClient;
import dev.cogworks.core.internal.relay.RelayEngine;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.RelayInbox;
import dev.cogworks.core.internal.relay.SharedRateLimits;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * The external gateway on PostgreSQL: a requests table claimed with {@code FOR UPDATE SKIP LOCKED},
 * {@code LISTEN/NOTIFY} to wake workers and bots, worker leases in a table. Opened by the bot and
 * by each worker from the same settings; the first to start creates the tables.
 */
public final class PostgresRelay implements RelayEngine {
  private final CogworksConfig.Relay config;
  private final String url;
  private final Properties credentials = new Properties();
  private final HikariDataSource pool;
  final PostgresNames names;
  private final PostgresRateLimits limits;
  private final PostgresControl control;

  private PostgresRelay(CogworksConfig.Relay config, String url, String user, String password) {
    this.config = config;
    this.url = url;
    this.names = new PostgresNames(config.requestQueue(), config.responseQueue());
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    // Fail fast when the server is away rather than hang a cog's submission.
    credentials.setProperty("connectTimeout", "2");
    credentials.setProperty("socketTimeout", "30");
    credentials.setProperty("tcpKeepAlive", "true");
    credentials.setProperty("ApplicationName", "cogworks-gateway");
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    hikari.setDataSourceProperties(credentials);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(8);
    hikari.setMinimumIdle(2);
    hikari.setConnectionTimeout(2000);
    hikari.setValidationTimeout(1000);
    // Start even while the server is away; the first use reports it.
    hikari.setInitializationFailTimeout(-1);
    hikari.setPoolName("cogworks-gateway");
    this.pool = new HikariDataSource(hikari);
    this.limits = new PostgresRateLimits(this);
    this.control = new PostgresControl(this);
  }

  /**
   * Opens the queue named by {@code messaging.gateway}: its own PostgreSQL URL, or the bot's
   * database. Creates or upgrades the tables.
   */
  public static PostgresRelay open(CogworksConfig config) {
    CogworksConfig.Relay gateway = config.messaging().relay();
    String url = gateway.postgresqlUrl();
    String user = gateway.postgresqlUser();
    String password = gateway.postgresqlPassword();
    if (url.isBlank()) {
      url = config.database().url();
      user = config.database().user();
      password = config.database().password();
    }
    if (url.isBlank()) {
      throw new ConfigError(
          "messaging.gateway.postgresql.url: external_gateway on PostgreSQL needs a server that the"
              + " bot and its workers both reach; set messaging.gateway.postgresql.url or"
              + " database.url (the embedded database lives inside one process)");
    }
    PostgresRelay opened = new PostgresRelay(gateway, url, user, password);
    opened.limits.perSecond(config.messaging().globalRequestsPerSecond());
    try {
      opened.migrate();
    } catch (RuntimeException e) {
      opened.close();
      throw new RelayException(
          "cannot prepare the gateway tables at " + RelayEngine.redact(url) + ": " + e.getMessage(),
          e);
    }
    return opened;
  }

  /** Creates or upgrades the tables; one process at a time, as bots and workers start together. */
  private void migrate() {
    MigrationLock.around(
        () -> {
          // Waiting for the lock may outlast the pool's 30 s socket timeout (others' migrations).
          Properties waiting = new Properties();
          waiting.putAll(credentials);
          waiting.remove("socketTimeout");
          return DriverManager.getConnection(url, waiting);
        },
        () ->
            Flyway.configure(PostgresRelay.class.getClassLoader())
                .dataSource(pool)
                .locations("classpath:db/migration/gateway")
                .table(names.requests() + "_schema_history")
                .placeholders(Map.of("requests", names.requests(), "responses", names.responses()))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate());
  }

  @Override
  public SharedRateLimits rateLimits() {
    return limits;
  }

  @Override
  public RelayClient client() {
    return new PostgresRelayClient(this, config.responseTtl());
  }

  @Override
  public RelayInbox<Long> inbox() {
    return new PostgresInbox(this, config.lease(), limits);
  }

  @Override
  public EngineControl control() {
    return control;
  }

  @Override
  public Invalidations invalidations() {
    return new PostgresInvalidations(this);
  }

  HikariDataSource pool() {
    return pool;
  }

  /** A connection of its own, for LISTEN: pooled ones are shared and must not keep listening. */
  Connection dedicatedConnection() throws SQLException {
    Properties listening = new Properties();
    listening.putAll(credentials);
    // Unless the URL names a socket factory of its own (URL parameters win).
    listening.setProperty("socketFactory", NotificationSocketFactory.class.getName());
    Connection connection = DriverManager.getConnection(url, listening);
    connection.setAutoCommit(true);
    return connection;
  }

  @Override
  public String where() {
    return RelayEngine.redact(url);
  }

  @Override
  public void close() {
    pool.close();
  }
}
