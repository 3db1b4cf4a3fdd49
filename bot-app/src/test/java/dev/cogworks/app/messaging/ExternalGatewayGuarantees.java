package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.messaging.RequestTimeoutException;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.RelayTransport;
import dev.cogworks.core.internal.runtime.RelayWorkerProcess;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.ratelimit.RateLimitDecision;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
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
   * deadlines of 10 s, leases of 2 s, answers kept 3 s, a stopping worker waits 2 s for what it
   * runs.
   */
  static PlatformHarness harness(ProbeCog probe, String queueType, String url) {
    return PlatformHarness.with(probe)
        .simOptions(
            SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.2)))
        .externalGateway(queueType, url, 3)
        .config("messaging.gateway.request_timeout", "10s")
        .config("messaging.gateway.lease", "2s")
        .config("messaging.gateway.response_ttl", "3s")
        .config("shutdown.deadline", "2s");
  }

  static final String SEND = "POST /channels/{channel_id}/messages";

  abstract PlatformHarness bot();

  abstract ProbeCog probe();

  /** Stops the engine (as an outage would) and starts it again, keeping its data. */
  abstract void stopEngine();

  abstract void startEngine();

  /** Answers still stored for {@code instance} (a bot instance's response queue). */
  abstract long storedAnswers(String instance);

  /** The id of the worker the engine says holds a request now (the one request in flight). */
  abstract String holder();

  /** Makes writing answers to this bot instance fail in the engine, until restored. */
  abstract void breakAnswers();

  abstract void restoreAnswers();

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
                // Workers address channels by id over REST: only the bot needs to know it.
                bot().bot().shards().getTextChannelById(id) != null);
    return id;
  }

  List<String> contents(long channel) {
    return bot().sim().control().messages(channel).stream()
        .filter(m -> !m.deleted())
        .map(m -> m.content)
        .toList();
  }

  long posts() {
    return bot().sim().control().stats().requests(SEND);
  }

  /** Holds every send at discord-sim for {@code millis} before it is carried out. */
  void holdSends(long millis) {
    bot().sim().control().faults().add(new Fault.Latency(SEND, millis));
  }

  /** The worker holding the one request in flight, once its send has reached discord-sim. */
  RelayWorkerProcess holdingWorker(long postsBefore) {
    await().atMost(Duration.ofSeconds(10)).until(() -> posts() > postsBefore);
    String id =
        await()
            .atMost(Duration.ofSeconds(5))
            .ignoreExceptions()
            .until(this::holder, h -> h != null);
    return bot().workers().stream()
        .filter(w -> w.worker().id().equals(id))
        .findFirst()
        .orElseThrow();
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
    var stats = bot().sim().control().stats();
    assertThat(stats.totalRateLimited() - before)
        .as(
            "429s answered by discord-sim (since the start of the class: global %d, per route %d)",
            stats.rateLimited(RateLimitDecision.Scope.GLOBAL),
            stats.rateLimited(RateLimitDecision.Scope.USER))
        .isZero();
  }

  @Test
  @DisplayName(
      "A worker killed after Discord ran a send but before it answered: taken over, posted once")
  void workerCrash() throws Exception {
    long channel = newChannel("crash");
    long other = newChannel("crash-other");
    long before = posts();
    holdSends(3000);
    List<CompletableFuture<SentMessage>> sends = new ArrayList<>();
    sends.add(probe().send(channel, "c0"));
    RelayWorkerProcess victim = holdingWorker(before);
    for (int i = 1; i < 5; i++) {
      sends.add(probe().send(channel, "c" + i));
      sends.add(probe().send(other, "o" + i));
    }

    bot().crashWorker(victim);
    bot().sim().control().clearFaults();

    awaitAll(sends, 60);
    assertThat(contents(channel))
        .as("every message once, in order")
        .containsExactly("c0", "c1", "c2", "c3", "c4");
    assertThat(contents(other)).containsExactly("o1", "o2", "o3", "o4");
  }

  @Test
  @DisplayName(
      "A worker stopped while Discord holds its send: the send is not run again before the lease"
          + " lapses, and is posted once")
  void stopWhileSendHeld() throws Exception {
    long channel = newChannel("stopping");
    long before = posts();
    holdSends(5000);
    CompletableFuture<SentMessage> send = probe().send(channel, "held");
    RelayWorkerProcess stopping = holdingWorker(before);

    // Waits out shutdown.deadline (2 s): the send is still held at discord-sim then.
    bot().stopWorker(stopping);
    bot().sim().control().clearFaults();

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> posts() == before + 1);
    assertThat(send.get(20, TimeUnit.SECONDS).id()).isPositive();
    assertThat(contents(channel)).containsExactly("held");
  }

  @Test
  @DisplayName(
      "An answer the engine refuses to store is retried; the channel's next requests wait, then"
          + " run once it is stored")
  void answerWriteFailure() throws Exception {
    long channel = newChannel("answers");
    probe().send(channel, "a0").get(20, TimeUnit.SECONDS);
    long before = posts();
    holdSends(1500);
    List<CompletableFuture<SentMessage>> sends = new ArrayList<>();
    sends.add(probe().send(channel, "a1"));
    holdingWorker(before);
    sends.add(probe().send(channel, "a2"));
    sends.add(probe().send(channel, "a3"));
    awaitPublished();

    breakAnswers();
    try {
      bot().sim().control().clearFaults();
      await().atMost(Duration.ofSeconds(10)).until(() -> contents(channel).contains("a1"));
      // a1 ran but its answer cannot be stored: a2 must wait behind it.
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(4))
          .until(() -> !contents(channel).contains("a2"));
    } finally {
      restoreAnswers();
    }

    awaitAll(sends, 30);
    assertThat(contents(channel)).containsExactly("a0", "a1", "a2", "a3");
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
    await()
        .untilAsserted(
            () ->
                assertThat(bot().bot().messaging().deadLetters().list(50))
                    .anySatisfy(
                        d -> assertThat(d.error()).contains("no answer from a gateway worker")));

    RelayWorkerProcess late = bot().startWorker();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> late.worker().outcomes().getOrDefault("expired", 0L) >= 1);
    assertThat(contents(channel)).isEmpty();
  }

  /** Waits until the bot has handed every submission to the engine. */
  void awaitPublished() {
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
    awaitPublished();

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
    awaitPublished();

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
