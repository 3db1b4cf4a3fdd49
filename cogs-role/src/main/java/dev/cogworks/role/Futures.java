package dev.cogworks.role;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Futures gathered without waiting on any. */
final class Futures {
  private Futures() {}

  /** The results of {@code futures} in their order, once all completed. */
  static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
    CompletableFuture<List<T>> all = CompletableFuture.completedFuture(new ArrayList<>());
    for (CompletableFuture<T> f : futures) {
      all =
          all.thenCombine(
              f,
              (list, value) -> {
                list.add(value);
                return list;
              });
    }
    return all;
  }
}
