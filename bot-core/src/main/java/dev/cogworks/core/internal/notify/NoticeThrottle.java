package dev.cogworks.core.internal.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Deduplicates notices so a storm costs one message and one summary, not one message per event. The
 * first notice of a kind (and key) goes out at once and opens a window; the ones that follow within
 * it are held and counted. When the window closes with notices held, one summary goes out — the
 * latest of them and "N more like this" — and opens the next window, so a storm that lasts sends
 * one message per window. A window that closes with nothing held is forgotten. Not thread-safe: the
 * notifier calls it from its one thread.
 */
final class NoticeThrottle {
  /** The latest notice held in a window, and how many were held. */
  record Summary(Notice latest, int count) {}

  private static final class Window {
    long closesAt;
    Notice latest;
    int held;

    Window(long closesAt) {
      this.closesAt = closesAt;
    }
  }

  private final long windowMillis;
  private final Map<String, Window> windows = new HashMap<>();

  NoticeThrottle(Duration window) {
    this.windowMillis = window.toMillis();
  }

  /** Whether {@code notice}, arriving at {@code nowMillis}, goes out now (else it is held). */
  boolean offer(Notice notice, long nowMillis) {
    Window open = windows.get(notice.dedupKey());
    if (open == null || nowMillis >= open.closesAt && open.held == 0) {
      windows.put(notice.dedupKey(), new Window(nowMillis + windowMillis));
      return true;
    }
    open.latest = notice;
    open.held++;
    return false;
  }

  /** The summaries of windows closed by {@code nowMillis}; each opens the next window. */
  List<Summary> due(long nowMillis) {
    List<Summary> due = new ArrayList<>();
    for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
      Window window = it.next();
      if (nowMillis < window.closesAt) {
        continue;
      }
      if (window.held == 0) {
        it.remove();
        continue;
      }
      due.add(new Summary(window.latest, window.held));
      window.latest = null;
      window.held = 0;
      window.closesAt = nowMillis + windowMillis;
    }
    return due;
  }

  /** Every held notice's summary at once (at shutdown), whether or not its window closed. */
  Duration window() {
    return Duration.ofMillis(windowMillis);
  }

  List<Summary> drain() {
    List<Summary> all = new ArrayList<>();
    for (Window window : windows.values()) {
      if (window.held > 0) {
        all.add(new Summary(window.latest, window.held));
      }
    }
    windows.clear();
    return all;
  }
}
