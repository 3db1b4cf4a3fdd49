package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.Priority;

/**
 * The admission rule every bounded queue of messaging applies: up to {@code max} requests, plus a
 * reserve of a tenth for CRITICAL ones. The reserve is what lets the bot tell a user that the queue
 * is full: that answer travels through the same queue, at CRITICAL priority.
 */
public record QueueBound(int max) {
  public QueueBound {
    if (max < 1) {
      throw new IllegalArgumentException("a queue bound is at least 1");
    }
  }

  /** Whether a request of {@code priority} may join {@code size} others. */
  public boolean admits(int size, Priority priority) {
    return size < max || (priority == Priority.CRITICAL && size < max + reserve());
  }

  /** The room above {@code max} kept for CRITICAL requests. */
  public int reserve() {
    return Math.max(1, max / 10);
  }
}
