package dev.cogworks.core.internal.relay.postgres;

import dev.cogworks.core.internal.relay.Invalidation;
import dev.cogworks.core.internal.relay.Invalidations;
import dev.cogworks.core.internal.relay.ListenLoop;
import dev.cogworks.core.internal.relay.RelayException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Invalidations as {@code NOTIFY} on a channel of their own, each worker {@code LISTEN}ing. */
final class PostgresInvalidations implements Invalidations {
  private static final Logger log = LoggerFactory.getLogger(PostgresInvalidations.class);

  private final PostgresRelay engine;

  PostgresInvalidations(PostgresRelay engine) {
    this.engine = engine;
  }

  @Override
  public void publish(Invalidation invalidation) {
    try (Connection c = engine.pool().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      ps.setString(1, engine.names.invalidationChannel());
      ps.setString(2, invalidation.encode());
      ps.execute();
    } catch (SQLException e) {
      throw new RelayException("cannot publish an invalidation: " + e.getMessage(), e);
    }
  }

  @Override
  public AutoCloseable subscribe(Consumer<Invalidation> listener, Runnable connected) {
    ListenLoop loop = new ListenLoop("PostgreSQL", engine.where());
    Connection[] current = new Connection[1];
    loop.start(
        "invalidations",
        () -> {
          try (Connection c = engine.dedicatedConnection()) {
            synchronized (current) {
              current[0] = c;
            }
            try (var st = c.createStatement()) {
              st.execute("LISTEN \"" + engine.names.invalidationChannel() + "\"");
            }
            loop.connected();
            connected.run();
            PGConnection pg = c.unwrap(PGConnection.class);
            while (!loop.closed()) {
              PGNotification[] notes = pg.getNotifications(10_000);
              if (notes == null || notes.length == 0) {
                if (!c.isValid(2)) {
                  throw new SQLException("connection lost");
                }
                continue;
              }
              for (PGNotification note : notes) {
                deliver(note.getParameter(), listener);
              }
            }
          }
        });
    return () -> {
      loop.close();
      synchronized (current) {
        if (current[0] != null) {
          current[0].close();
        }
      }
    };
  }

  static void deliver(String payload, Consumer<Invalidation> listener) {
    try {
      listener.accept(Invalidation.decode(payload));
    } catch (RuntimeException e) {
      log.warn("Ignoring an unreadable invalidation {}: {}", payload, e.toString());
    }
  }
}
