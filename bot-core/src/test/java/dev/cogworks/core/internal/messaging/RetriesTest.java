package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.InteractionToken;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The one retry policy of every mode")
class RetriesTest {
  private static final DiscordRequest<Void> DELETE = new DiscordRequest.DeleteMessage(1, 2, null);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private Retries retries(int attempts, Duration backoff) {
    return new Retries(new RetryPolicy(attempts, backoff, Duration.ofSeconds(10)), scheduler);
  }

  private static CompletableFuture<Void> failing(AtomicInteger calls, RuntimeException failure) {
    calls.incrementAndGet();
    return CompletableFuture.failedFuture(failure);
  }

  @Test
  @DisplayName("A 500 (which JDA does not retry) is tried `attempts` times, waiting in between")
  void retriesServerErrors() {
    AtomicInteger calls = new AtomicInteger();
    long start = System.nanoTime();
    var run =
        retries(3, Duration.ofMillis(100))
            .run(DELETE, () -> failing(calls, new DiscordRequestException(500, 0, "boom")));

    assertThatThrownBy(() -> run.result().get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DiscordRequestException.class);
    assertThat(calls).hasValue(3);
    assertThat(run.tries()).isEqualTo(3);
    // Two waits of about 100 and 200 ms, each at most a quarter shorter.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(220));
  }

  @Test
  @DisplayName("A 503 that JDA already tried four times counts as four tries: no more are made")
  void countsJdasOwnTries() {
    AtomicInteger calls = new AtomicInteger();
    var run =
        retries(3, Duration.ofMillis(10))
            .run(DELETE, () -> failing(calls, new DiscordRequestException(503, 0, "down")));

    assertThatThrownBy(() -> run.result().get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DiscordRequestException.class);
    assertThat(calls).hasValue(1);
    assertThat(run.tries()).isEqualTo(4);
  }

  @Test
  @DisplayName("With attempts above JDA's four, a 503 gets what is left")
  void attemptsBeyondJdas() {
    AtomicInteger calls = new AtomicInteger();
    var run =
        retries(6, Duration.ofMillis(10))
            .run(DELETE, () -> failing(calls, new DiscordRequestException(503, 0, "down")));

    assertThatThrownBy(() -> run.result().get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DiscordRequestException.class);
    assertThat(calls).hasValue(2);
    assertThat(run.tries()).isEqualTo(8);
  }

  @Test
  @DisplayName("Network errors are retried; Discord's refusals are not")
  void whatIsRetried() {
    AtomicInteger network = new AtomicInteger();
    var lost =
        retries(2, Duration.ofMillis(10))
            .run(
                DELETE,
                () -> failing(network, new UncheckedIOException(new java.io.IOException("reset"))));
    assertThatThrownBy(() -> lost.result().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    assertThat(network).hasValue(2);

    AtomicInteger refused = new AtomicInteger();
    var forbidden =
        retries(3, Duration.ofMillis(10))
            .run(DELETE, () -> failing(refused, new DiscordRequestException(403, 50013, "no")));
    assertThatThrownBy(() -> forbidden.result().get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DiscordRequestException.class);
    assertThat(refused).hasValue(1);
  }

  @Test
  @DisplayName("A follow-up, which has no nonce, is never repeated after a 5xx")
  void followUpsNotRepeated() {
    AtomicInteger calls = new AtomicInteger();
    DiscordRequest<?> followup =
        new DiscordRequest.SendFollowup(
            1, new InteractionToken("t"), "hi", List.of(), List.of(), false, null);
    var run =
        retries(3, Duration.ofMillis(10))
            .run(
                followup,
                () -> {
                  calls.incrementAndGet();
                  return CompletableFuture.failedFuture(new DiscordRequestException(500, 0, "?"));
                });
    assertThatThrownBy(() -> run.result().get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DiscordRequestException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  @DisplayName("A run waiting out a backoff can be stopped (kept at shutdown); a running one not")
  void cancelIfWaiting() {
    AtomicInteger calls = new AtomicInteger();
    var waiting =
        retries(3, Duration.ofSeconds(5))
            .run(DELETE, () -> failing(calls, new DiscordRequestException(500, 0, "boom")));
    await().until(() -> calls.get() == 1);
    await().until(waiting::cancelIfWaiting);
    assertThatThrownBy(() -> waiting.result().join()).isInstanceOf(CancellationException.class);

    CompletableFuture<Void> never = new CompletableFuture<>();
    var running = retries(3, Duration.ofMillis(10)).run(DELETE, () -> never);
    assertThat(running.cancelIfWaiting()).isFalse();
    assertThat(running.result()).isNotDone();
    await().during(Duration.ofMillis(300)).until(() -> calls.get() == 1);
  }
}
