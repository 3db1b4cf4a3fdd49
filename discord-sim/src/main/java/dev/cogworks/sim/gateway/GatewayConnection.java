package dev.cogworks.sim.gateway;

import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection. Frames are sent from a single thread per connection, so sends keep
 * their order and a slow client never blocks the simulator's state lock.
 */
final class GatewayConnection {
  private static final Logger log = LoggerFactory.getLogger(GatewayConnection.class);

  private final WsContext ctx;
  private final ZlibStreamEncoder zlib;
  private final ExecutorService sender;
  volatile GatewaySession session;

  /** A stalled connection answers nothing, so the client must detect a zombie connection. */
  volatile boolean stalled;

  /** When the client last heartbeated (or connected), on {@link System#nanoTime()}. */
  volatile long lastHeartbeatNanos = System.nanoTime();

  /** Discord's 120 payloads per 60 s for this connection, counted from when it opened. */
  final CommandWindow commands = new CommandWindow(System.nanoTime());

  GatewayConnection(WsContext ctx, boolean zlibStream) {
    this.ctx = ctx;
    this.zlib = zlibStream ? new ZlibStreamEncoder() : null;
    this.sender =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "discord-sim-gateway-send");
              thread.setDaemon(true);
              return thread;
            });
  }

  String id() {
    return ctx.sessionId();
  }

  void send(String payload) {
    try {
      sender.execute(() -> write(payload));
    } catch (RejectedExecutionException closed) {
      // The connection is gone; a resumable session keeps the event for replay.
    }
  }

  private void write(String payload) {
    try {
      if (!ctx.session.isOpen()) {
        return;
      }
      if (zlib != null) {
        ctx.send(ByteBuffer.wrap(zlib.encode(payload)));
      } else {
        ctx.send(payload);
      }
    } catch (Exception e) {
      // Javalin rethrows Jetty's IOException unchecked; a closed socket is normal here.
      log.debug("gateway send failed on {}: {}", id(), e.toString());
    }
  }

  /** Closes with a close frame after everything queued before it has been sent. */
  void close(int code, String reason) {
    try {
      sender.execute(
          () -> {
            try {
              ctx.closeSession(code, reason);
            } catch (RuntimeException ignored) {
              // already closed
            }
          });
    } catch (RejectedExecutionException ignored) {
      // already closed
    }
  }

  /** Drops the TCP connection without a close frame, as a network failure would. */
  void drop() {
    try {
      ctx.session.disconnect();
    } catch (Exception ignored) {
      // already gone
    }
  }

  /** Frees the sender thread and the deflater once the socket has closed. */
  void released() {
    try {
      if (zlib != null) {
        sender.execute(zlib::close);
      }
    } catch (RejectedExecutionException ignored) {
      // released twice
    }
    sender.shutdown();
  }
}
