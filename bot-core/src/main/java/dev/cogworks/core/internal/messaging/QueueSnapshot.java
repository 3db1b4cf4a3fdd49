package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.Priority;
import java.util.Map;

/** The in-process queue at one moment: sizes by priority and by channel, state, counters. */
public record QueueSnapshot(
    int queued,
    int inFlight,
    boolean paused,
    Map<Priority, Integer> queuedByPriority,
    Map<Long, Integer> queuedByRoute,
    QueueCounters counters) {}
