package dev.cogworks.core.internal.admin;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor's chart: one sample every ten seconds over the last hour (sends, 429s and the queue's
 * depth), kept in memory. Sampled by a timer; read as a copy.
 */
public final class ActivityHistory {
  public static final int RESOLUTION_SECONDS = 10;
  static final int KEPT = 360;

  /** One sample: what happened in the ten seconds before {@code at}, and the depth then. */
  public record Sample(Instant at, long sent, long rateLimited, long queued) {}

  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  public synchronized void add(Sample sample) {
    samples.addLast(sample);
    while (samples.size() > KEPT) {
      samples.removeFirst();
    }
  }

  public synchronized List<Sample> samples() {
    return new ArrayList<>(samples);
  }
}
