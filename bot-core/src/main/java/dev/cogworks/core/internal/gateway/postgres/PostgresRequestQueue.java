package dev.cogworks.core.internal.gateway.postgres;

import dev.cogworks.core.internal.gateway.GatewayException;
import dev.cogworks.core.internal.gateway.RequestQueueClient;
import dev.cogworks.core.internal.gateway.WireRequest;
import dev.cogworks.core.internal.gateway.WireResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's side on PostgreSQL: inserts requests (a batch per transaction, with one NOTIFY to wake
 * the workers) and collects this instance's answers when its NOTIFY channel says some arrived.
 * Answers stay in their table until collected, so none is lost while the connection is down.
 */
final class PostgresRequestQueue implements RequestQueueClient {
  private static final Logger log = LoggerFactory.getLogger(PostgresRequestQueue.class);

  private final PostgresGateway gateway;
  private final PostgresNames names;
  private final Duration responseTtl;
  private volatile boolean reachable = true;
  private volatile boolean closed;
  private volatile Thread listener;
  private volatile Connection listening;

  PostgresRequestQueue(PostgresGateway gateway, Duration responseTtl) {
    this.gateway = gateway;
    this.names = gateway.names;
    this.responseTtl = responseTtl;
  }

  @Override
  public void publish(List<WireRequest> requests) {
    String insert =
        "INSERT INTO "
            + names.requests()
            + " (request_id, route_key, action, reply_to, deadline, body) VALUES (?, ?, ?, ?, ?, ?)";
    try (Connection c = gateway.pool().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(insert);
          PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, '')")) {
        for (WireRequest r : requests) {
          ps.setObject(1, UUID.fromString(r.requestId()));
          ps.setLong(2, r.request().routeKey());
          ps.setString(3, r.action());
          ps.setString(4, r.replyTo());
          ps.setTimestamp(5, Timestamp.from(r.deadline()));
          ps.setString(6, r.toJson());
          ps.addBatch();
        }
        ps.executeBatch();
        notify.setString(1, names.requestChannel());
        notify.execute();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      reachable = true;
    } catch (SQLException e) {
      reachable = false;
      throw new GatewayException(
          "the gateway's PostgreSQL at " + gateway.where() + " is unreachable: " + e.getMessage(),
          e);
    }
  }

  @Override
  public void listen(String instance, Consumer<WireResponse> answers) {
    Thread thread = new Thread(() -> listenLoop(instance, answers), "gateway-answers-" + instance);
    thread.setDaemon(true);
    listener = thread;
    thread.start();
  }

  private void listenLoop(String instance, Consumer<WireResponse> answers) {
    long backoff = 250;
    while (!closed) {
      try (Connection c = gateway.dedicatedConnection()) {
        listening = c;
        try (var st = c.createStatement()) {
          st.execute("LISTEN \"" + names.answerChannel(instance) + "\"");
        }
        if (!reachable) {
          log.info("The gateway's PostgreSQL is reachable again");
        }
        reachable = true;
        backoff = 250;
        PGConnection pg = c.unwrap(PGConnection.class);
        // Whatever arrived while we were not listening first.
        collect(c, instance, answers);
        while (!closed) {
          PGNotification[] notes = pg.getNotifications(10_000);
          if (notes != null && notes.length > 0) {
            collect(c, instance, answers);
          } else if (!c.isValid(2)) {
            throw new SQLException("connection lost");
          }
        }
      } catch (SQLException e) {
        if (closed) {
          return;
        }
        if (reachable) {
          log.warn(
              "Lost the gateway's PostgreSQL at {} ({}); reconnecting",
              gateway.where(),
              e.getMessage());
        }
        reachable = false;
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(backoff * 2, 2000);
      }
    }
  }

  private void collect(Connection c, String instance, Consumer<WireResponse> answers)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM " + names.responses() + " WHERE reply_to = ? RETURNING body")) {
      ps.setString(1, instance);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String body = rs.getString(1);
          try {
            answers.accept(WireResponse.fromJson(body));
          } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable gateway answer: {}", e.getMessage());
          }
        }
      }
    }
  }

  @Override
  public boolean reachable() {
    return reachable;
  }

  @Override
  public int expireAnswers() {
    try (Connection c = gateway.pool().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "DELETE FROM "
                    + names.responses()
                    + " WHERE created_at < now() - make_interval(secs => ?)")) {
      ps.setDouble(1, responseTtl.toMillis() / 1000.0);
      return ps.executeUpdate();
    } catch (SQLException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread thread = listener;
    Connection c = listening;
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // closing anyway
    }
    if (thread != null) {
      thread.interrupt();
    }
  }
}
