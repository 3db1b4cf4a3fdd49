package dev.cogworks.core.internal.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code /health/ready}: ready when every part is; each part says why not. A part that does not
 * answer within two seconds (a database that hangs) counts as down rather than holding the probe.
 */
final class Readiness {
  static final long PART_TIMEOUT_MS = 2000;

  /** One part's state: up or not, and a plain word on it. */
  record Part(boolean up, String detail) {
    static Part up(String detail) {
      return new Part(true, detail);
    }

    static Part down(String detail) {
      return new Part(false, detail);
    }
  }

  /**
   * Checks block (a database round trip): they run here, not on the common pool, which has one
   * thread on a two-core machine.
   */
  private static final java.util.concurrent.ExecutorService CHECKS =
      java.util.concurrent.Executors.newCachedThreadPool(
          dev.cogworks.core.internal.concurrent.DaemonThreads.named("cogworks-health"));

  private final Map<String, Supplier<Part>> parts = new LinkedHashMap<>();

  Readiness part(String name, Supplier<Part> check) {
    parts.put(name, check);
    return this;
  }

  /** Every part, checked side by side; {@code ready} only if all are up. */
  Map<String, Object> check() {
    Map<String, CompletableFuture<Part>> running = new LinkedHashMap<>();
    parts.forEach(
        (name, check) ->
            running.put(
                name,
                CompletableFuture.supplyAsync(check, CHECKS)
                    .completeOnTimeout(
                        Part.down("no answer within " + PART_TIMEOUT_MS + " ms"),
                        PART_TIMEOUT_MS,
                        TimeUnit.MILLISECONDS)
                    .exceptionally(e -> Part.down(rootMessage(e)))));
    Map<String, Object> result = new LinkedHashMap<>();
    Map<String, Object> shown = new LinkedHashMap<>();
    boolean ready = true;
    for (var entry : running.entrySet()) {
      Part part = entry.getValue().join();
      ready &= part.up();
      shown.put(entry.getKey(), Map.of("up", part.up(), "detail", part.detail()));
    }
    result.put("status", ready ? "READY" : "NOT_READY");
    result.put("parts", shown);
    return result;
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
