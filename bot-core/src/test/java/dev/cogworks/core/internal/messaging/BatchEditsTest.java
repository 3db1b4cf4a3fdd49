package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.DiscordRequest.EditMessage;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Results.BatchResult;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BatchEdits: a batch as one edit per update, reported as every mode reports it")
class BatchEditsTest {
  private static final long CHANNEL = 7;

  /** The edits BatchEdits submitted, in order, each with the future the "queue" answers. */
  private final List<EditMessage> submitted = new ArrayList<>();

  private final List<CompletableFuture<Void>> answers = new ArrayList<>();

  private CompletableFuture<BatchResult> submit(MessageUpdate... updates) {
    return BatchEdits.submit(
        new DiscordRequest.BatchUpdateMessages(CHANNEL, List.of(updates)),
        edit -> {
          submitted.add(edit);
          CompletableFuture<Void> answer = new CompletableFuture<>();
          answers.add(answer);
          return answer;
        });
  }

  private static Throwable unknownMessage(String detail) {
    // As a queue hands it on: wrapped by the future it went through.
    return new CompletionException(new DiscordRequestException(404, 10008, detail));
  }

  @Test
  @DisplayName("Given updates with a repeated message, each is submitted as an edit and counted")
  void everyUpdateSubmittedAndCounted() {
    var result =
        submit(new MessageUpdate(1, "a"), new MessageUpdate(2, "b"), new MessageUpdate(1, "c"));

    answers.forEach(a -> a.complete(null));

    assertThat(submitted)
        .containsExactly(
            new EditMessage(CHANNEL, 1, "a", null, null),
            new EditMessage(CHANNEL, 2, "b", null, null),
            new EditMessage(CHANNEL, 1, "c", null, null));
    assertThat(result.join()).isEqualTo(new BatchResult(3, 0, Map.of()));
  }

  @Test
  @DisplayName(
      "Given edits that fail and finish in any order, failures are listed in submission order")
  void failuresInSubmissionOrder() {
    var result =
        submit(
            new MessageUpdate(30, "x"),
            new MessageUpdate(10, "x"),
            new MessageUpdate(20, "x"),
            new MessageUpdate(50, "x"),
            new MessageUpdate(40, "x"));

    answers.get(4).completeExceptionally(unknownMessage("forty"));
    answers.get(3).completeExceptionally(unknownMessage("fifty"));
    answers.get(2).complete(null);
    answers.get(1).completeExceptionally(unknownMessage("ten"));
    assertThat(result).isNotDone();
    answers.get(0).completeExceptionally(unknownMessage("thirty"));

    BatchResult done = result.join();
    assertThat(done.updated()).isEqualTo(1);
    assertThat(done.failed()).isEqualTo(4);
    assertThat(done.failures())
        .containsExactly(
            entry(30L, "404 / 10008: thirty"),
            entry(10L, "404 / 10008: ten"),
            entry(50L, "404 / 10008: fifty"),
            entry(40L, "404 / 10008: forty"));
  }

  @Test
  @DisplayName(
      "Given a message whose two updates both fail, it is one failure with the latest reason")
  void messageFailingTwice() {
    var result = submit(new MessageUpdate(5, "x"), new MessageUpdate(5, "y"));

    answers.get(0).completeExceptionally(unknownMessage("first"));
    answers.get(1).completeExceptionally(unknownMessage("second"));

    assertThat(result.join()).isEqualTo(new BatchResult(0, 1, Map.of(5L, "404 / 10008: second")));
  }
}
