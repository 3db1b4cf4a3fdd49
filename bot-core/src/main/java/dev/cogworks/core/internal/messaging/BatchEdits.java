package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Results.BatchResult;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A batch update as separate edits submitted one by one, so a queue can coalesce each with other
 * edits of the same message; the result counts what was updated and why the rest failed.
 */
final class BatchEdits {
  private BatchEdits() {}

  static CompletableFuture<BatchResult> submit(
      DiscordRequest.BatchUpdateMessages batch,
      Function<DiscordRequest.EditMessage, CompletableFuture<Void>> submit) {
    Map<Long, CompletableFuture<Void>> edits = new LinkedHashMap<>();
    for (MessageUpdate update : batch.updates()) {
      edits.put(
          update.messageId(),
          submit.apply(
              new DiscordRequest.EditMessage(
                  batch.channelId(), update.messageId(), update.content(), null, null)));
    }
    Map<Long, String> failures = new java.util.concurrent.ConcurrentHashMap<>();
    CompletableFuture<?>[] settled =
        edits.entrySet().stream()
            .map(
                e ->
                    e.getValue()
                        .exceptionally(
                            failure -> {
                              failures.put(e.getKey(), DiscordErrors.unwrap(failure).getMessage());
                              return null;
                            }))
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(settled)
        .thenApply(
            ignored -> {
              Map<Long, String> ordered = new LinkedHashMap<>();
              edits.keySet().stream()
                  .filter(failures::containsKey)
                  .forEach(id -> ordered.put(id, failures.get(id)));
              return new BatchResult(edits.size() - ordered.size(), ordered.size(), ordered);
            });
  }
}
