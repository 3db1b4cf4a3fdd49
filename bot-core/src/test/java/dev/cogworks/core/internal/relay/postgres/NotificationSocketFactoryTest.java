package dev.cogworks.core.internal.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

@DisplayName("The LISTEN connections' sockets: pgjdbc's 1 ms peek answers at once, nothing lost")
class NotificationSocketFactoryTest {
  /** A socket from the factory, connected to a loopback peer. */
  private record Connected(ServerSocket server, Socket socket, Socket peer)
      implements AutoCloseable {
    static Connected open() throws Exception {
      ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      Socket socket = new NotificationSocketFactory().createSocket();
      socket.connect(server.getLocalSocketAddress());
      return new Connected(server, socket, server.accept());
    }

    @Override
    public void close() throws Exception {
      peer.close();
      socket.close();
      server.close();
    }
  }

  @Test
  @DisplayName("A 1 ms read with no bytes in the kernel times out without waiting on the socket")
  void peekWithNothingPending() throws Exception {
    try (Connected pair = Connected.open()) {
      pair.socket.setSoTimeout(NotificationSocketFactory.PEEK_TIMEOUT_MILLIS);
      InputStream in = pair.socket.getInputStream();

      // The message is this socket's own: the kernel was not waited on.
      assertThatThrownBy(() -> in.read(new byte[8], 0, 8))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessage("no bytes pending");

      OutputStream out = pair.peer.getOutputStream();
      out.write(new byte[] {1, 2, 3});
      out.flush();
      await().atMost(Duration.ofSeconds(5)).until(() -> in.available() > 0);
      byte[] read = new byte[8];
      assertThat(in.read(read, 0, 8)).isEqualTo(3);
      assertThat(read).startsWith(1, 2, 3);
    }
  }

  @Test
  @DisplayName("Reads with any other timeout wait for the bytes as usual")
  void otherTimeoutsWait() throws Exception {
    try (Connected pair = Connected.open()) {
      pair.socket.setSoTimeout(10_000);
      CompletableFuture<Void> later =
          CompletableFuture.runAsync(
              () -> {
                try {
                  Thread.sleep(200);
                  pair.peer.getOutputStream().write(42);
                  pair.peer.getOutputStream().flush();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(pair.socket.getInputStream().read()).isEqualTo(42);
      later.get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName(
      "Through real PostgreSQL: every notification arrives, in order, whether one at a time or"
          + " many in one commit")
  void everyNotificationArrives() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
      Properties listening = new Properties();
      listening.setProperty("user", "postgres");
      listening.setProperty("socketFactory", NotificationSocketFactory.class.getName());
      try (Connection listener = DriverManager.getConnection(url, listening);
          Connection sender = DriverManager.getConnection(url, "postgres", "")) {
        try (Statement st = listener.createStatement()) {
          st.execute("LISTEN cogworks_test");
        }
        try (PreparedStatement one =
            sender.prepareStatement("SELECT pg_notify('cogworks_test', ?)")) {
          for (int i = 0; i < 50; i++) {
            one.setString(1, "single-" + i);
            one.executeQuery().close();
          }
        }
        sender.setAutoCommit(false);
        try (PreparedStatement many =
            sender.prepareStatement(
                "SELECT pg_notify('cogworks_test', 'batch-' || i) FROM generate_series(0, 199) i")) {
          many.executeQuery().close();
        }
        sender.commit();

        List<String> received = new ArrayList<>();
        PGConnection pg = listener.unwrap(PGConnection.class);
        await()
            .atMost(Duration.ofSeconds(20))
            .pollDelay(Duration.ZERO)
            .until(
                () -> {
                  PGNotification[] notes = pg.getNotifications(1_000);
                  if (notes != null) {
                    for (PGNotification note : notes) {
                      received.add(note.getParameter());
                    }
                  }
                  return received.size() >= 250;
                });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          expected.add("single-" + i);
        }
        for (int i = 0; i < 200; i++) {
          expected.add("batch-" + i);
        }
        assertThat(received).containsExactlyElementsOf(expected);
      }
    }
  }
}
