package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.QueueFullException;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("The in-process queue: priorities, coalescing, capacity, deadlines, pause")
class InProcessQueueTest {
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(probe)
          .config("messaging.mode", "in_process")
          .config("messaging.in_process.max_queue_size", 40)
          .config("messaging.in_process.request_timeout", "2s")
          .simOptions(
              SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.01)));

  private static InProcessTransport queue() {
    return bot.bot().messaging().transport(InProcessTransport.class).orElseThrow();
  }

  @AfterEach
  void resume() {
    queue().resume();
  }

  private static long newChannel(String name) {
    long id = bot.sim().control().createChannel(bot.guild().id, name).id;
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> bot.bot().shards().getTextChannelById(id) != null);
    return id;
  }

  private static List<String> contents(long channel) {
    return bot.sim().control().messages(channel).stream().map(m -> m.content).toList();
  }

  @Test
  @DisplayName("A CRITICAL request queued behind a flood of LOW ones is taken first")
  void criticalBeforeLow() throws Exception {
    long channel = newChannel("priorities");
    queue().pause();
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sends.add(probe.send(channel, "low " + i, SendOptions.DEFAULT.withPriority(Priority.LOW)));
    }
    sends.add(probe.send(channel, "normal", SendOptions.DEFAULT));
    sends.add(probe.send(channel, "critical", SendOptions.DEFAULT.withPriority(Priority.CRITICAL)));

    queue().resume();
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    List<String> arrived = contents(channel);
    assertThat(arrived.subList(0, 2)).containsExactly("critical", "normal");
    assertThat(arrived.subList(2, 12))
        .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "low " + i).toList());
  }

  @Test
  @DisplayName("30 edits of a waiting message coalesce: final content right, far fewer calls")
  void coalescesEdits() throws Exception {
    long channel = newChannel("progress");
    long message = probe.send(channel, "0%").get(10, TimeUnit.SECONDS).id();
    String edit = "PATCH /channels/{channel_id}/messages/{message_id}";
    long before = bot.sim().control().stats().requests(edit);
    queue().pause();

    List<CompletableFuture<Void>> edits = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      edits.add(probe.edit(channel, message, (i * 100 / 30) + "%", null));
    }
    queue().resume();
    CompletableFuture.allOf(edits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    SimMessage stored = bot.sim().control().state().findMessage(message).orElseThrow();
    assertThat(stored.content).isEqualTo("100%");
    assertThat(bot.sim().control().stats().requests(edit) - before).isEqualTo(1);
    assertThat(edits).allSatisfy(f -> assertThat(f).isCompleted());
    assertThat(queue().snapshot().counters().coalesced()).isGreaterThanOrEqualTo(29);
  }

  @Test
  @DisplayName("batchUpdateMessages goes through the same coalescing")
  void batchCoalesces() throws Exception {
    long channel = newChannel("batch-coalesce");
    long message = probe.send(channel, "v0").get(10, TimeUnit.SECONDS).id();
    queue().pause();

    var first = probe.batch(channel, List.of(new MessageUpdate(message, "v1")));
    var second = probe.batch(channel, List.of(new MessageUpdate(message, "v2")));
    queue().resume();

    assertThat(first.get(10, TimeUnit.SECONDS).updated()).isEqualTo(1);
    assertThat(second.get(10, TimeUnit.SECONDS).updated()).isEqualTo(1);
    assertThat(bot.sim().control().state().findMessage(message).orElseThrow().content)
        .isEqualTo("v2");
  }

  @Test
  @DisplayName(
      "A full queue refuses at once with QueueFullException; nothing is lost of what it took")
  void queueFull() throws Exception {
    long channel = newChannel("full");
    queue().pause();
    List<CompletableFuture<?>> accepted = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      accepted.add(probe.send(channel, "m" + i));
    }

    CompletableFuture<?> refused = probe.send(channel, "one too many");

    assertThat(refused).isCompletedExceptionally();
    try {
      refused.get();
    } catch (ExecutionException e) {
      assertThat(e.getCause())
          .isInstanceOf(QueueFullException.class)
          .hasMessageContaining("try again shortly");
    }
    queue().resume();
    CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    assertThat(contents(channel)).hasSize(40).doesNotContain("one too many");
  }

  @Test
  @DisplayName("A request past its deadline is not sent; its caller gets a timeout")
  void deadline() throws Exception {
    long channel = newChannel("deadline");
    long expiredBefore = queue().snapshot().counters().expired();
    queue().pause();

    long submitted = System.nanoTime();
    CompletableFuture<?> late = probe.send(channel, "too late");
    await().atMost(Duration.ofSeconds(20)).until(late::isDone);
    Duration waited = Duration.ofNanos(System.nanoTime() - submitted);
    queue().resume();

    assertThat(waited)
        .as("not before request_timeout")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(late::join)
        .hasCauseInstanceOf(TimeoutException.class)
        .hasMessageContaining("not sent");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> contents(channel).isEmpty());
    assertThat(queue().snapshot().counters().expired() - expiredBefore).isEqualTo(1);
  }

  @Test
  @DisplayName("The snapshot shows what waits, by priority and by channel, and the paused state")
  void snapshot() throws Exception {
    long channel = newChannel("snapshot");
    queue().pause();
    var a = probe.send(channel, "a", SendOptions.DEFAULT.withPriority(Priority.HIGH));
    var b = probe.send(channel, "b");

    var snapshot = queue().snapshot();
    queue().resume();
    CompletableFuture.allOf(a, b).get(10, TimeUnit.SECONDS);

    assertThat(snapshot.paused()).isTrue();
    assertThat(snapshot.queued()).isEqualTo(2);
    assertThat(snapshot.queuedByPriority())
        .containsEntry(Priority.HIGH, 1)
        .containsEntry(Priority.NORMAL, 1);
    assertThat(snapshot.queuedByRoute()).containsEntry(channel, 2);
  }
}
