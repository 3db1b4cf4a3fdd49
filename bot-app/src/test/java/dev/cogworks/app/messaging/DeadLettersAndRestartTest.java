package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.QueueFullException;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.messaging.DeadLetters;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName(
    "Nothing accepted is lost: dead letters in PostgreSQL, queued requests kept across a restart")
class DeadLettersAndRestartTest {
  private static final String SEND_ROUTE = "POST /channels/{channel_id}/messages";
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(probe)
          .config("messaging.mode", "in_process")
          .config("messaging.retry.attempts", 2)
          .config("messaging.retry.initial_backoff", "50ms")
          .config("messaging.in_process.processor_count", 1)
          .config("messaging.in_process.max_queue_size", 8)
          .config("shutdown.deadline", "1s")
          .simOptions(
              SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.01)));

  private static DeadLetters deadLetters() {
    return bot.bot().messaging().deadLetters();
  }

  private static long newChannel(String name) {
    long id = bot.sim().control().createChannel(bot.guild().id, name).id;
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> bot.bot().shards().getTextChannelById(id) != null);
    return id;
  }

  @Test
  @DisplayName("After its retries, a failing send is a dead letter; retried later it is delivered")
  void deadLetterThenRetry() throws Exception {
    long channel = newChannel("dead-letters");
    long postsBefore = bot.sim().control().stats().requests(SEND_ROUTE);
    // More 5xx than JDA's and Cogworks' retries together will try.
    bot.sim().control().faults().add(new Fault.ServerError(SEND_ROUTE, 502, 0, 30));

    var send = probe.send(channel, "stubborn");
    try {
      send.get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected the send to fail");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(DiscordRequestException.class);
      assertThat(((DiscordRequestException) e.getCause()).status()).isEqualTo(502);
    }
    bot.sim().control().clearFaults();

    // JDA tries a 502 four times by itself; those tries count against retry.attempts (2), so
    // Cogworks adds none: 4 calls, not 2 x 4.
    assertThat(bot.sim().control().stats().requests(SEND_ROUTE) - postsBefore).isEqualTo(4);
    var letter = await().until(() -> deadLetters().list(10), letters -> !letters.isEmpty()).get(0);
    assertThat(letter.action()).isEqualTo("send_message");
    assertThat(letter.routeKey()).isEqualTo(channel);
    assertThat(letter.attempts()).isEqualTo(4);
    assertThat(letter.error()).contains("502");
    assertThat(letter.request()).contains("stubborn");

    bot.bot().messaging().retryDeadLetter(letter.id()).orElseThrow().get(10, TimeUnit.SECONDS);

    assertThat(bot.sim().control().messages(channel))
        .extracting(m -> m.content)
        .containsExactly("stubborn");
    assertThat(deadLetters().list(10)).noneMatch(l -> l.id() == letter.id());
    assertThat(deadLetters().discard(letter.id())).isFalse();
  }

  @Test
  @DisplayName("A 500, which JDA does not retry, is tried retry.attempts times in all")
  void serverErrorRetriedByCogworks() throws Exception {
    long channel = newChannel("five-hundred");
    long postsBefore = bot.sim().control().stats().requests(SEND_ROUTE);
    bot.sim().control().faults().add(new Fault.ServerError(SEND_ROUTE, 500, 0, 30));

    var send = probe.send(channel, "flaky");
    assertThatThrownBy(() -> send.get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DiscordRequestException.class);
    bot.sim().control().clearFaults();

    assertThat(bot.sim().control().stats().requests(SEND_ROUTE) - postsBefore).isEqualTo(2);
    await()
        .untilAsserted(
            () ->
                assertThat(deadLetters().list(10))
                    .anySatisfy(
                        l -> {
                          assertThat(l.routeKey()).isEqualTo(channel);
                          assertThat(l.attempts()).isEqualTo(2);
                        }));
  }

  @Test
  @DisplayName("A retried dead letter the queue refuses stays in the store")
  void refusedRetryKeepsTheLetter() throws Exception {
    long channel = newChannel("refused-retry");
    bot.sim().control().faults().add(new Fault.ServerError(SEND_ROUTE, 400, 0, 1));
    assertThatThrownBy(() -> probe.send(channel, "refused").get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DiscordRequestException.class);
    bot.sim().control().clearFaults();
    var letter =
        await()
            .until(
                () ->
                    deadLetters().list(20).stream()
                        .filter(l -> l.routeKey() == channel)
                        .findFirst(),
                found -> found.isPresent())
            .orElseThrow();

    var queue = bot.bot().messaging().transport(InProcessTransport.class).orElseThrow();
    queue.pause();
    List<CompletableFuture<?>> fillers = new ArrayList<>();
    try {
      // Fill the queue (max_queue_size 8) so the retry is refused at the door.
      for (int i = 0; i < 8; i++) {
        fillers.add(probe.send(channel, "filler " + i));
      }
      assertThatThrownBy(
              () ->
                  bot.bot()
                      .messaging()
                      .retryDeadLetter(letter.id())
                      .orElseThrow()
                      .get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(QueueFullException.class);
      assertThat(deadLetters().list(20)).anyMatch(l -> l.id() == letter.id());
    } finally {
      queue.resume();
    }
    // Out before the next test counts its own sends.
    CompletableFuture.allOf(fillers.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Requests still queued at shutdown are kept and delivered once after the restart")
  void keptAcrossRestart() throws Exception {
    long channel = newChannel("kept");
    // Each send takes 400 ms, one at a time, and shutdown waits 1 s: most of the 8 must be kept.
    bot.sim()
        .control()
        .faults()
        .add(new Fault.Latency("POST /channels/{channel_id}/messages", 400));
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sends.add(probe.send(channel, "kept " + i));
    }

    bot.restartBot();
    bot.sim().control().clearFaults();

    long sentBeforeStop = sends.stream().filter(f -> !f.isCompletedExceptionally()).count();
    assertThat(sentBeforeStop)
        .as("the queue could not send all 8 within the deadline")
        .isLessThan(8);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(bot.sim().control().messages(channel))
                    .extracting(m -> m.content)
                    .containsExactlyElementsOf(
                        IntStream.range(0, 8).mapToObj(i -> "kept " + i).toList()));
  }
}
