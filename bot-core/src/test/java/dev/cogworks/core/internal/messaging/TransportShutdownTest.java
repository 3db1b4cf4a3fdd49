package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.QueueFullException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the direct and in-process transports keep at shutdown, and their bounds, without Discord: a
 * lookup that fails like a lost connection makes every attempt fail retryably (the request then
 * waits out a backoff), and one that finds no channel makes it fail at once with a 404.
 */
@DisplayName("Transports at shutdown and at their bounds")
class TransportShutdownTest {
  private static final RetryPolicy SLOW_RETRY =
      new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(30));

  /** Every attempt fails as if the connection to Discord broke. */
  private static RequestExecutor disconnected(AtomicInteger attempts) {
    return new RequestExecutor(
        new RequestExecutor.Lookup() {
          @Override
          public GuildMessageChannel channel(long id) {
            attempts.incrementAndGet();
            throw new UncheckedIOException(new IOException("connection reset"));
          }

          @Override
          public Guild guild(long id) {
            return null;
          }
        });
  }

  /** Every request fails at once: the channel does not exist. */
  private static RequestExecutor noChannels() {
    return new RequestExecutor(
        new RequestExecutor.Lookup() {
          @Override
          public GuildMessageChannel channel(long id) {
            return null;
          }

          @Override
          public Guild guild(long id) {
            return null;
          }
        });
  }

  private static DiscordRequest<Void> delete(long channel, long message) {
    return new DiscordRequest.DeleteMessage(channel, message, null);
  }

  private static FailureSink counting(AtomicInteger letters) {
    return (request, error, attempts, first) -> letters.incrementAndGet();
  }

  @Nested
  @DisplayName("in_process")
  class InProcess {
    private InProcessTransport queue(RequestExecutor executor, RetryPolicy retry, int max) {
      return new InProcessTransport(
          executor,
          retry,
          new InProcessTransport.Settings(max, 10, Duration.ofSeconds(30), null),
          Clock.systemUTC(),
          (request, error, attempts, first) -> {});
    }

    @Test
    @DisplayName("A request waiting out a retry's backoff is kept, not lost, and not dead-lettered")
    void keepsRequestsInBackoff() {
      AtomicInteger attempts = new AtomicInteger();
      AtomicInteger letters = new AtomicInteger();
      InProcessTransport queue =
          new InProcessTransport(
              disconnected(attempts),
              SLOW_RETRY,
              new InProcessTransport.Settings(100, 10, Duration.ofSeconds(60), null),
              Clock.systemUTC(),
              counting(letters));
      CompletableFuture<Void> first = queue.submit(delete(1, 10));
      CompletableFuture<Void> second = queue.submit(delete(1, 11));
      // Two in backoff at once (two channels): keeping them must not trip over each other.
      CompletableFuture<Void> third = queue.submit(delete(2, 20));
      await().until(() -> attempts.get() == 2);

      List<DiscordRequest<?>> left = queue.close(Duration.ofMillis(200));

      assertThat(left).containsExactly(delete(1, 10), delete(1, 11), delete(2, 20));
      assertThatThrownBy(third::join).hasMessageContaining("kept and sent after the next start");
      assertThatThrownBy(first::join).hasMessageContaining("kept and sent after the next start");
      assertThatThrownBy(second::join).hasMessageContaining("kept and sent after the next start");
      assertThat(letters).hasValue(0);
      assertThat(attempts).hasValue(2);
    }

    @Test
    @DisplayName(
        "A mode switch takes what waits and what backs off, with its callers' futures, in order;"
            + " later submissions are refused")
    void handOver() {
      AtomicInteger attempts = new AtomicInteger();
      AtomicInteger letters = new AtomicInteger();
      InProcessTransport queue =
          new InProcessTransport(
              disconnected(attempts),
              SLOW_RETRY,
              new InProcessTransport.Settings(100, 10, Duration.ofSeconds(60), null),
              Clock.systemUTC(),
              counting(letters));
      CompletableFuture<Void> a = queue.submit(delete(1, 10));
      CompletableFuture<Void> b = queue.submit(delete(1, 11));
      CompletableFuture<Void> c = queue.submit(delete(2, 20));
      await().until(() -> attempts.get() == 2); // a and c wait out a backoff; b waits behind a

      List<MovedRequest> moved = queue.handOver();

      assertThat(moved.stream().map(MovedRequest::request))
          .containsExactly(delete(1, 10), delete(1, 11), delete(2, 20));
      assertThat(queue.drained()).succeedsWithin(Duration.ofSeconds(5));
      assertThat(List.of(a, b, c)).noneMatch(CompletableFuture::isDone);
      moved.forEach(m -> m.result().complete(null)); // what the next transport does
      assertThat(List.of(a, b, c)).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
      assertThat(queue.submit(delete(3, 30))).isCompletedExceptionally();
      assertThat(letters).hasValue(0);
      queue.close(Duration.ZERO);
    }

    @Test
    @DisplayName("Expiry timers are cancelled when requests finish: none is kept for 30 s")
    void timersCancelled() {
      InProcessTransport queue = queue(noChannels(), SLOW_RETRY, 1000);
      List<CompletableFuture<Void>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(queue.submit(delete(i % 7, i)));
      }
      await().untilAsserted(() -> assertThat(results).allMatch(CompletableFuture::isDone));
      assertThat(queue.scheduledTimers()).isZero();
      queue.close(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("Past its bound the queue refuses, but keeps a reserve for CRITICAL requests")
    void bound() {
      InProcessTransport queue = queue(noChannels(), SLOW_RETRY, 10);
      queue.pause();
      for (int i = 0; i < 10; i++) {
        queue.submit(delete(1, i));
      }
      assertThatThrownBy(() -> queue.submit(delete(1, 99)).join())
          .hasCauseInstanceOf(QueueFullException.class);
      assertThat(queue.submit(new DiscordRequest.DeleteMessage(1, 100, Priority.CRITICAL)))
          .isNotCompletedExceptionally();
      queue.close(Duration.ofMillis(100));
    }
  }

  @Nested
  @DisplayName("direct")
  class Direct {
    @Test
    @DisplayName("At shutdown, requests that never started and one in backoff are kept in order")
    void keepsWaitingAndBackoff() {
      AtomicInteger attempts = new AtomicInteger();
      AtomicInteger letters = new AtomicInteger();
      DirectTransport direct =
          new DirectTransport(disconnected(attempts), SLOW_RETRY, counting(letters), 100);
      CompletableFuture<Void> first = direct.submit(delete(1, 10));
      CompletableFuture<Void> second = direct.submit(delete(1, 11));
      CompletableFuture<Void> third = direct.submit(delete(1, 12));
      await().until(() -> attempts.get() == 1);

      List<DiscordRequest<?>> left = direct.close(Duration.ofMillis(200));

      assertThat(left).containsExactly(delete(1, 10), delete(1, 11), delete(1, 12));
      for (CompletableFuture<Void> kept : List.of(first, second, third)) {
        assertThatThrownBy(kept::join).hasMessageContaining("kept and sent after the next start");
      }
      assertThat(letters).hasValue(0);
      assertThatThrownBy(() -> direct.submit(delete(1, 13)).get(1, TimeUnit.SECONDS))
          .hasMessageContaining("stopping");
    }

    @Test
    @DisplayName(
        "A mode switch takes the waiting requests and the one backing off, with their callers'"
            + " futures, in order; nothing is dead-lettered")
    void handOver() {
      AtomicInteger attempts = new AtomicInteger();
      AtomicInteger letters = new AtomicInteger();
      DirectTransport direct =
          new DirectTransport(disconnected(attempts), SLOW_RETRY, counting(letters), 100);
      CompletableFuture<Void> first = direct.submit(delete(1, 10));
      CompletableFuture<Void> second = direct.submit(delete(1, 11));
      CompletableFuture<Void> other = direct.submit(delete(2, 20));
      await().until(() -> attempts.get() == 2);

      List<MovedRequest> moved = direct.handOver();

      assertThat(moved.stream().map(MovedRequest::request))
          .containsExactly(delete(1, 10), delete(1, 11), delete(2, 20));
      assertThat(direct.drained()).succeedsWithin(Duration.ofSeconds(5));
      assertThat(direct.waiting()).isZero();
      moved.forEach(m -> m.result().complete(null));
      assertThat(List.of(first, second, other))
          .allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
      assertThat(direct.submit(delete(1, 12))).isCompletedExceptionally();
      assertThat(letters).hasValue(0);
      assertThat(direct.close(Duration.ZERO)).isEmpty();
    }

    @Test
    @DisplayName("Past max_waiting a submission is refused; CRITICAL ones use the reserve")
    void bound() {
      AtomicInteger attempts = new AtomicInteger();
      DirectTransport direct =
          new DirectTransport(disconnected(attempts), SLOW_RETRY, counting(new AtomicInteger()), 5);
      direct.submit(delete(1, 0)); // running (in backoff): not waiting
      for (int i = 1; i <= 5; i++) {
        direct.submit(delete(1, i));
      }
      assertThat(direct.waiting()).isEqualTo(5);
      assertThatThrownBy(() -> direct.submit(delete(1, 6)).join())
          .hasCauseInstanceOf(QueueFullException.class);
      assertThat(direct.submit(new DiscordRequest.DeleteMessage(1, 7, Priority.CRITICAL)))
          .isNotCompletedExceptionally();
      direct.close(Duration.ofMillis(100));
    }
  }
}
