package dev.cogworks.sim.voice;

import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One voice WebSocket; its session once IDENTIFY or RESUME succeeded. */
final class VoiceConnection {
  private static final Logger log = LoggerFactory.getLogger(VoiceConnection.class);

  private final WsContext ctx;
  volatile VoiceSession session;
  volatile long lastHeartbeatNanos = System.nanoTime();
  private volatile boolean closed;

  VoiceConnection(WsContext ctx) {
    this.ctx = ctx;
  }

  String id() {
    return ctx.sessionId();
  }

  void send(String json) {
    if (closed) {
      return;
    }
    try {
      ctx.send(json);
    } catch (RuntimeException e) {
      log.debug("voice connection {} cannot send: {}", id(), e.toString());
    }
  }

  /** Closes with one of Discord's voice close codes; only the first close counts. */
  boolean close(int code, String reason) {
    if (closed) {
      return false;
    }
    closed = true;
    try {
      ctx.closeSession(code, reason);
    } catch (RuntimeException e) {
      log.debug("voice connection {} cannot close: {}", id(), e.toString());
    }
    return true;
  }

  /** Drops the TCP connection without a close frame, as a crashed server would. */
  boolean drop() {
    if (closed) {
      return false;
    }
    closed = true;
    try {
      ctx.session.disconnect();
    } catch (RuntimeException e) {
      log.debug("voice connection {} cannot drop: {}", id(), e.toString());
    }
    return true;
  }

  boolean closed() {
    return closed;
  }

  void markClosed() {
    closed = true;
  }
}
