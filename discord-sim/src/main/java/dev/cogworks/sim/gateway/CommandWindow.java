package dev.cogworks.sim.gateway;

import java.time.Duration;

/**
 * Discord's limit on what a client sends: 120 payloads per connection every 60 s, then close 4008
 * ({@code gateway.mdx}, "Rate Limiting"). Heartbeats count too. Windows are fixed and counted as
 * JDA counts them: the first opens when the connection does, each later one with the first payload
 * after the previous one ended. Discord does not document its own window; a sliding one would
 * refuse JDA's legitimate bursts at the edges of JDA's windows.
 */
final class CommandWindow {
  static final int LIMIT = 120;
  static final Duration WINDOW = Duration.ofSeconds(60);

  private long windowStartNanos;
  private int count;

  CommandWindow(long openedNanos) {
    this.windowStartNanos = openedNanos;
  }

  /** Counts one payload received at {@code nowNanos}; false when it is over the limit. */
  synchronized boolean count(long nowNanos) {
    if (nowNanos - windowStartNanos >= WINDOW.toNanos()) {
      windowStartNanos = nowNanos;
      count = 0;
    }
    return ++count <= LIMIT;
  }
}
