package dev.cogworks.core.internal.messaging;

/** Running totals of the in-process queue; updated under its lock, read as a copy. */
public final class QueueCounters {
  long queued;
  long completed;
  long failed;
  long retried;
  long coalesced;
  long expired;
  long rejected;

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
