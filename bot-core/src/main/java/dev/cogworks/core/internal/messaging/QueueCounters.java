package dev.cogworks.core.internal.messaging;

/**
 * Running totals of the in-process queue: updated under its lock, read without it (volatile, so a
 * metrics scrape never waits for the queue).
 */
public final class QueueCounters {
  volatile long queued;
  volatile long completed;
  volatile long failed;
  volatile long retried;
  volatile long coalesced;
  volatile long expired;
  volatile long rejected;

  QueueCounters copy() {
    QueueCounters copy = new QueueCounters();
    copy.queued = queued;
    copy.completed = completed;
    copy.failed = failed;
    copy.retried = retried;
    copy.coalesced = coalesced;
    copy.expired = expired;
    copy.rejected = rejected;
    return copy;
  }

  public long queued() {
    return queued;
  }

  public long completed() {
    return completed;
  }

  public long failed() {
    return failed;
  }

  public long retried() {
    return retried;
  }

  public long coalesced() {
    return coalesced;
  }

  public long expired() {
    return expired;
  }

  public long rejected() {
    return rejected;
  }
}
