package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Results.BatchResult;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A batch update as separate edits submitted one by one, so a queue can coalesce each with other
 * edits of the same message. The result is counted as {@link RequestExecutor} counts a batch it
 * runs itself (direct mode, gateway workers), so a batch gives the same {@link BatchResult} in
 * every mode.
 */
final class BatchEdits {
  private BatchEdits() {}

  static CompletableFuture<BatchResult> submit(
      DiscordRequest.BatchUpdateMessages batch,
      Function<DiscordRequest.EditMessage, CompletableFuture<Void>> submit) {
    List<MessageUpdate> updates = batch.updates();
    // Each edit's failure, or null once it succeeded; in submission order.
    List<CompletableFuture<Throwable>> failures = new ArrayList<>();
    for (MessageUpdate update : updates) {
      var edit =
          new DiscordRequest.EditMessage(
              batch.channelId(), update.messageId(), update.content(), null, null);
      failures.add(submit.apply(edit).handle((ok, failure) -> failure));
    }
    return CompletableFuture.allOf(failures.toArray(CompletableFuture[]::new))
        .thenApply(
            settled -> {
              int updated = 0;
              Map<Long, String> reasons = new LinkedHashMap<>();
              for (int i = 0; i < updates.size(); i++) {
                Throwable failure = failures.get(i).join();
                if (failure == null) {
                  updated++;
                } else {
                  reasons.put(
                      updates.get(i).messageId(), DiscordErrors.unwrap(failure).getMessage());
                }
              }
              return new BatchResult(updated, reasons.size(), reasons);
            });
  }
}
