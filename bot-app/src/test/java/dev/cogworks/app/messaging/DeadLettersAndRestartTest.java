package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.messaging.DeadLetters;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.testkit.CogworksHarness;
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
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final CogworksHarness bot =
      CogworksHarness.with(probe)
          .config("messaging.mode", "in_process")
          .config("messaging.retry.attempts", 2)
          .config("messaging.retry.initial_backoff", "50ms")
          .config("messaging.in_process.processor_count", 1)
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
    // More 5xx than JDA's and Cogworks' retries together will try.
    bot.sim()
        .control()
        .faults()
        .add(new Fault.ServerError("POST /channels/{channel_id}/messages", 502, 0, 30));

    var send = probe.send(channel, "stubborn");
    try {
      send.get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected the send to fail");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(DiscordRequestException.class);
      assertThat(((DiscordRequestException) e.getCause()).status()).isEqualTo(502);
    }
    bot.sim().control().clearFaults();

    var letters = deadLetters().list(10);
    assertThat(letters).isNotEmpty();
    var letter = letters.get(0);
    assertThat(letter.action()).isEqualTo("send_message");
    assertThat(letter.routeKey()).isEqualTo(channel);
    assertThat(letter.attempts()).isEqualTo(2);
    assertThat(letter.error()).contains("502");
    assertThat(letter.request()).contains("stubborn");

    deadLetters().retry(letter.id()).get(10, TimeUnit.SECONDS);

    assertThat(bot.sim().control().messages(channel))
        .extracting(m -> m.content)
        .containsExactly("stubborn");
    assertThat(deadLetters().list(10)).noneMatch(l -> l.id() == letter.id());
    assertThat(deadLetters().discard(letter.id())).isFalse();
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
