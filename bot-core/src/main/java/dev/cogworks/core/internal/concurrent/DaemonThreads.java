package dev.cogworks.core.internal.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads of the platform's background work: named for thread dumps, never keeping the JVM up. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Threads all called {@code name}: for a single thread. */
  public static ThreadFactory named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Threads called {@code prefix-1}, {@code prefix-2} ...: for a pool. */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger next = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + next.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
