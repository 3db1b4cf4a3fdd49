package dev.cogworks.core.internal.relay;

import java.time.Instant;
import java.util.List;

/**
 * What the operator sees and switches in the engine itself: the workers registered and their
 * leases, and the engine-wide pause (workers claim nothing while it is set).
 */
public interface EngineControl {
  /** A worker and the time its lease runs until (past: it is gone or stuck). */
  record WorkerLease(String id, Instant aliveUntil) {
    public boolean alive(Instant now) {
      return aliveUntil.isAfter(now);
    }
  }

  /** The workers registered, live ones and those whose lease has run out but are still listed. */
  List<WorkerLease> workers();

  void paused(boolean paused);

  boolean paused();
}
