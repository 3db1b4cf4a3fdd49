package dev.cogworks.sim.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** The active REST faults. Gateway faults act at once and live in the gateway. */
public final class Faults {
  private final List<Fault> active = new ArrayList<>();

  public synchronized void add(Fault fault) {
    active.add(fault);
  }

  public synchronized void clear() {
    active.clear();
  }

  public synchronized List<Fault> list() {
    return List.copyOf(active);
  }

  /** Total latency to add to a request on {@code route}. */
  public synchronized long latencyMillis(String route) {
    return active.stream()
        .filter(f -> f instanceof Fault.Latency && f.matches(route))
        .mapToLong(f -> ((Fault.Latency) f).millis())
        .sum();
  }

  /** A 5xx status to answer with, consuming one use of a counted fault. */
  public synchronized Optional<Integer> serverError(String route) {
    for (int i = 0; i < active.size(); i++) {
      if (active.get(i) instanceof Fault.ServerError f && f.matches(route)) {
        if (f.remaining() > 0) {
          replaceOrRemove(
              i,
              f.remaining() - 1,
              new Fault.ServerError(f.route(), f.status(), f.rate(), f.remaining() - 1));
          return Optional.of(f.status());
        }
        if (f.rate() > 0 && ThreadLocalRandom.current().nextDouble() < f.rate()) {
          return Optional.of(f.status());
        }
      }
    }
    return Optional.empty();
  }

  /** A forced 429 to answer with, consuming one use. */
  public synchronized Optional<Fault.ForcedRateLimit> forcedRateLimit(String route) {
    for (int i = 0; i < active.size(); i++) {
      if (active.get(i) instanceof Fault.ForcedRateLimit f && f.matches(route)) {
        replaceOrRemove(
            i,
            f.remaining() - 1,
            new Fault.ForcedRateLimit(
                f.route(), f.scope(), f.retryAfterMillis(), f.remaining() - 1));
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private void replaceOrRemove(int index, int remaining, Fault replacement) {
    if (remaining <= 0) {
      active.remove(index);
    } else {
      active.set(index, replacement);
    }
  }
}
