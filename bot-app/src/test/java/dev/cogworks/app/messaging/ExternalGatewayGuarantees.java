package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.messaging.RequestTimeoutException;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.RelayTransport;
import dev.cogworks.core.internal.runtime.RelayWorkerProcess;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.testkit.CogworksHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What external_gateway promises beyond the contract, each shown with real JDA, discord-sim at
 * Discord's own limits (buckets 5x faster, the global 50/s as is) and real engines: order across
 * workers, one global limit, no loss and no duplicates when a worker dies, bot restarts, typed
 * errors, deadlines and engine outages. Subclasses pick the engine.
 */
abstract class ExternalGatewayGuarantees {
  /**
   * A bot with 3 workers on {@code queueType} at {@code url}: buckets 5x faster than Discord's,
   * deadlines of 10 s, leases of 2 s, answers kept 3 s.
   */
  static CogworksHarness harness(ProbeCog probe, String queueType, String url) {
    return CogworksHarness.with(probe)
        .simOptions(
            SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.2)))
        .externalGateway(queueType, url, 3)
        .config("messaging.gateway.request_timeout", "10s")
        .config("messaging.gateway.lease", "2s")
        .config("messaging.gateway.response_ttl", "3s");
  }

  abstract CogworksHarness bot();

  abstract ProbeCog probe();

  /** Stops the engine (as an outage would) and starts it again, keeping its data. */
  abstract void stopEngine();

  abstract void startEngine();

  /** Answers still stored for {@code instance} (a bot instance's response queue). */
  abstract long storedAnswers(String instance);

  @BeforeEach
  void threeWorkers() throws InterruptedException {
    while (bot().workers().size() < 3) {
      bot().startWorker();
    }
  }

  long newChannel(String name) {
    long id = bot().sim().control().createChannel(bot().guild().id, name).id;
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                bot().bot().shards().getTextChannelById(id) != null
                    && bot().workers().stream()
                        .allMatch(w -> w.shards().getTextChannelById(id) != null));
    return id;
  }

  List<String> contents(long channel) {
    return bot().sim().control().messages(channel).stream()
        .filter(m -> !m.deleted())
        .map(m -> m.content)
        .toList();
  }

  static void awaitAll(List<? extends CompletableFuture<?>> futures, int seconds) throws Exception {
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .get(seconds, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("3 workers: each channel's messages arrive in submission order, with no 429 at all")
  void orderAndLimitsAcrossWorkers() throws Exception {
    List<Long> narrow = IntStream.range(0, 4).mapToObj(i -> newChannel("n" + i)).toList();
    List<Long> wide = IntStream.range(0, 80).mapToObj(i -> newChannel("w" + i)).toList();
    long before = bot().sim().control().stats().totalRateLimited();

    List<CompletableFuture<SentMessage>> sends = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      for (long channel : narrow) {
        sends.add(probe().send(channel, "m" + i));
      }
    }
    for (long channel : wide) {
      sends.add(probe().send(channel, "wide"));
    }
    awaitAll(sends, 90);

    for (long channel : narrow) {
      assertThat(contents(channel))
          .containsExactlyElementsOf(IntStream.range(0, 15).mapToObj(i -> "m" + i).toList());
    }
    assertThat(wide).allSatisfy(c -> assertThat(contents(c)).containsExactly("wide"));
    assertThat(bot().sim().control().stats().totalRateLimited() - before)
        .as("429s answered by discord-sim")
        .isZero();
  }

  @Test
  @DisplayName("A worker killed mid-burst: its requests are taken over, each message posted once")
  void workerCrash() throws Exception {
    List<Long> channels = IntStream.range(0, 6).mapToObj(i -> newChannel("c" + i)).toList();
    List<CompletableFuture<SentMessage>> sends = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      for (long channel : channels) {
        sends.add(probe().send(channel, "c" + i));
      }
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> sends.stream().filter(CompletableFuture::isDone).count() >= 20);
    RelayWorkerProcess victim = bot().workers().get(0);
    long crashedAt = System.nanoTime();
    bot().crashWorker(victim);

    awaitAll(sends, 90);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - crashedAt);

    for (long channel : channels) {
      assertThat(contents(channel))
          .as("channel %d: every message once, in order", channel)
          .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "c" + i).toList());
    }
    assertThat(seconds).as("burst finished after the crash within").isLessThan(60);
  }

  @Test
  @DisplayName(
      "A Discord error reaches the cog typed as in direct mode (10008 on a deleted message)")
  void typedErrors() throws Exception {
    long channel = newChannel("errors");
    long id = probe().send(channel, "short-lived").get(20, TimeUnit.SECONDS).id();
    probe().delete(channel, id).get(20, TimeUnit.SECONDS);

    CompletableFuture<Void> edit = probe().edit(channel, id, "too late", null);

    ExecutionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> edit.get(20, TimeUnit.SECONDS));
    assertThat(failure.getCause()).isInstanceOf(DiscordRequestException.class);
    DiscordRequestException e = (DiscordRequestException) failure.getCause();
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.code()).isEqualTo(DiscordRequestException.UNKNOWN_MESSAGE);
  }

  @Test
  @DisplayName(
      "No worker within request_timeout: the cog gets a timeout, and no worker sends it later")
  void timeouts() throws Exception {
    long channel = newChannel("timeouts");
    Duration requestTimeout = bot().botConfig().messaging().relay().requestTimeout();
    for (RelayWorkerProcess w : bot().workers()) {
      bot().stopWorker(w);
    }
    long started = System.nanoTime();
    CompletableFuture<SentMessage> send = probe().send(channel, "never");

    ExecutionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> send.get(60, TimeUnit.SECONDS));
    assertThat(failure.getCause()).isInstanceOf(RequestTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("not before request_timeout")
        .isGreaterThanOrEqualTo(requestTimeout);
    assertThat(bot().bot().messaging().deadLetters().list(50))
        .anySatisfy(d -> assertThat(d.error()).contains("no answer from a gateway worker"));

    RelayWorkerProcess late = bot().startWorker();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> late.worker().outcomes().getOrDefault("expired", 0L) >= 1);
    assertThat(contents(channel)).isEmpty();
  }

  @Test
  @DisplayName("Bot restart: queued requests still run; the new run gets its own answers")
  void botRestart() throws Exception {
    long channel = newChannel("restart");
    for (RelayWorkerProcess w : bot().workers()) {
      bot().stopWorker(w);
    }
    String oldInstance =
        bot().bot().messaging().transport(RelayTransport.class).orElseThrow().instance();
    for (int i = 0; i < 5; i++) {
      probe().send(channel, "before-" + i);
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                bot()
                        .bot()
                        .messaging()
                        .transport(RelayTransport.class)
                        .orElseThrow()
                        .queuedLocally()
                    == 0);

    bot().restartBot();
    String newInstance =
        bot().bot().messaging().transport(RelayTransport.class).orElseThrow().instance();
    assertThat(newInstance).isNotEqualTo(oldInstance);
    bot().startWorker();
    SentMessage after = probe().send(channel, "after").get(30, TimeUnit.SECONDS);

    assertThat(contents(channel))
        .containsExactly("before-0", "before-1", "before-2", "before-3", "before-4", "after");
    assertThat(after.id()).isPositive();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(storedAnswers(oldInstance))
                    .as("answers to the stopped run expire")
                    .isZero());
  }

  @Test
  @DisplayName("Engine outage: submissions fail fast and clearly; the bot recovers by itself")
  void outage() throws Exception {
    long channel = newChannel("outage");
    // Acknowledged while workers are away, then the engine goes down: these must survive.
    List<RelayWorkerProcess> stopped = bot().workers();
    stopped.forEach(bot()::stopWorker);
    List<CompletableFuture<SentMessage>> acknowledged = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      acknowledged.add(probe().send(channel, "kept-" + i));
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                bot()
                        .bot()
                        .messaging()
                        .transport(RelayTransport.class)
                        .orElseThrow()
                        .queuedLocally()
                    == 0);

    stopEngine();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                CompletableFuture<SentMessage> refused = probe().send(channel, "refused");
                try {
                  refused.get(3, TimeUnit.SECONDS);
                  return false;
                } catch (ExecutionException e) {
                  return e.getCause() instanceof RelayException;
                } catch (TimeoutException stillTrying) {
                  return false;
                }
              });
      CompletableFuture<SentMessage> refused = probe().send(channel, "refused");
      ExecutionException failure =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> refused.get(60, TimeUnit.SECONDS));
      // Fast means refused at submission: not queued to fail after a publish attempt or to wait
      // out request_timeout (that would be a RequestTimeoutException).
      assertThat(failure.getCause())
          .isInstanceOf(RelayException.class)
          .hasMessageContaining("unreachable")
          .hasMessageContaining("not queued");
    } finally {
      startEngine();
    }

    bot().startWorker();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> probe().send(channel, "back").get(5, TimeUnit.SECONDS) != null);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(contents(channel)).startsWith("kept-0", "kept-1", "kept-2"));
    Map<String, Long> counts = new HashMap<>();
    contents(channel).forEach(c -> counts.merge(c, 1L, Long::sum));
    assertThat(counts).doesNotContainKey("refused");
    assertThat(counts.get("kept-0")).isEqualTo(1);
  }
}
