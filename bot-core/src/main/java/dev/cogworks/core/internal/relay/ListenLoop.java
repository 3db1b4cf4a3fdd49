package dev.cogworks.core.internal.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot instance's answer listener, for either engine: runs the engine's listening session on a
 * thread of its own and, when the connection fails, runs it again after a backoff (250 ms, doubling
 * up to 2 s). Tracks whether the engine answered the last attempt to reach it, which publishing
 * reports too.
 */
public final class ListenLoop {
  private static final Logger log = LoggerFactory.getLogger(ListenLoop.class);
  private static final long FIRST_BACKOFF_MILLIS = 250;
  private static final long MAX_BACKOFF_MILLIS = 2000;

  /** Connects and delivers answers until {@link #closed}; throws when the connection fails. */
  public interface Session {
    void run() throws Exception;
  }

  private final String engine;
  private final String where;
  private volatile boolean reachable = true;
  private volatile boolean closed;
  private long backoff = FIRST_BACKOFF_MILLIS;
  private Thread thread;

  /** {@code engine} ("PostgreSQL", "Redis") and {@code where} name it in log lines. */
  public ListenLoop(String engine, String where) {
    this.engine = engine;
    this.where = where;
  }

  public synchronized void start(String instance, Session session) {
    thread = new Thread(() -> loop(session), "gateway-answers-" + instance);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop(Session session) {
    while (!closed) {
      try {
        session.run();
      } catch (Exception e) {
        if (closed) {
          return;
        }
        if (reachable) {
          log.warn("Lost the gateway's {} at {} ({}); reconnecting", engine, where, e.getMessage());
        }
        reachable = false;
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
    }
  }

  /** Called by the session, on the loop's thread, once it is connected. */
  public void connected() {
    if (!reachable) {
      log.info("The gateway's {} is reachable again", engine);
    }
    reachable = true;
    backoff = FIRST_BACKOFF_MILLIS;
  }

  /** Whether a publish reached the engine. */
  public void reachable(boolean reached) {
    reachable = reached;
  }

  public boolean reachable() {
    return reachable;
  }

  public boolean closed() {
    return closed;
  }

  /** Ends the loop; the caller closes the session's connection so it returns. */
  public synchronized void close() {
    closed = true;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
