package dev.cogworks.core.internal.concurrent;

import java.util.concurrent.ThreadFactory;

/** Threads of the gateway's background work: named for thread dumps, never keeping the JVM up. */
public final class DaemonThreads {
  private DaemonThreads() {}

  public static ThreadFactory named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
