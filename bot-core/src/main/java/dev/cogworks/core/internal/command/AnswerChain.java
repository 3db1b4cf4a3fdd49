package dev.cogworks.core.internal.command;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The answers to one interaction, sent one after another in the order they were given: each starts
 * once the previous one settled, whatever its outcome, beginning with the acknowledgement.
 */
final class AnswerChain {
  private CompletableFuture<?> last;

  AnswerChain(CompletableFuture<?> acknowledged) {
    this.last = acknowledged;
  }

  synchronized <T> CompletableFuture<T> then(Supplier<CompletableFuture<T>> next) {
    CompletableFuture<T> answer =
        last.handle((ignored, failure) -> null).thenCompose(ignored -> next.get());
    last = answer;
    return answer;
  }
}
