package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.Priority;
import java.util.Map;

/**
 * The in-process queue's sizes and running totals, read without its lock ({@link
 * InProcessTransport#stats()}); the per-channel view is {@link QueueSnapshot}. The counters are
 * live: each read gives the latest value.
 */
public record QueueStats(
    int queued,
    int inFlight,
    boolean paused,
    Map<Priority, Integer> queuedByPriority,
    QueueCounters counters) {
  /** No in-process queue runs (another mode): nothing queued, nothing counted. */
  static final QueueStats EMPTY = new QueueStats(0, 0, false, Map.of(), new QueueCounters());
}
