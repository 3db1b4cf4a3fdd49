package dev.cogworks.core.internal.messaging;

import java.time.Duration;

/** Holds each REST request back until it fits under the global limit. */
public interface RequestPacer {
  /** Waits until this request may go; returns how long it waited. */
  Duration acquire() throws InterruptedException;
}
