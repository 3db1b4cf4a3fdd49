package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.runtime.RelayWorkerProcess;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.testkit.TestEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scale-out on Redis: a worker started while another has a deep backlog in every partition gets its
 * share of the partitions at once, not after the backlog is gone. Discord is slowed to 150 ms a
 * send (and its buckets relaxed), so the backlog lasts.
 */
@DisplayName("external_gateway on Redis: a worker started under load takes its share at once")
class ExternalRedisScaleOutTest {
  private static final String SEND = "POST /channels/{channel_id}/messages";
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(probe)
          .simOptions(
              SimOptions.defaults()
                  .withRateLimits(
                      RateLimitPolicy.discordDefaults().scaled(0.001).withGlobalPerSecond(1000)))
          .externalGateway("redis", TestEngines.redisUri(), 1)
          .config("messaging.global_requests_per_second", 900)
          .config("messaging.gateway.redis.partitions", 8)
          .config("messaging.gateway.lease", "2s")
          .config("messaging.gateway.request_timeout", "90s")
          // The backlog this test needs is 1,920 sends from one thread; with acknowledge = engine
          // each would wait for its own write, and the first worker would run them as they came.
          .config("messaging.gateway.acknowledge", "memory");

  private static long posts() {
    return bot.sim().control().stats().requests(SEND);
  }

  private static List<String> contents(long channel) {
    return bot.sim().control().messages(channel).stream()
        .filter(m -> !m.deleted())
        .map(m -> m.content)
        .toList();
  }

  @Test
  @DisplayName(
      "A second worker takes partitions from a busy one and runs requests; order holds, nothing"
          + " runs twice")
  void secondWorkerTakesPartitionsUnderLoad() throws Exception {
    List<Long> channels =
        IntStream.range(0, 48)
            .mapToObj(i -> bot.sim().control().createChannel(bot.guild().id, "busy" + i).id)
            .toList();
    // Workers address channels by id over REST: only the bot needs to know them.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                channels.stream().allMatch(c -> bot.bot().shards().getTextChannelById(c) != null));
    bot.sim().control().faults().add(new Fault.Latency(SEND, 150));
    long before = posts();
    List<CompletableFuture<SentMessage>> sends = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      for (long channel : channels) {
        sends.add(probe.send(channel, "s" + i));
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> posts() > before + channels.size());

    RelayWorkerProcess second = bot.startWorker();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> second.worker().outcomes().getOrDefault("success", 0L) >= 10);
    assertThat(sends.stream().filter(CompletableFuture::isDone).count())
        .as("sends answered when the second worker had run 10")
        .isLessThan(sends.size());
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    bot.sim().control().clearFaults();
    for (long channel : channels) {
      assertThat(contents(channel))
          .containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(i -> "s" + i).toList());
    }
    assertThat(posts() - before).as("sends made").isEqualTo(sends.size());
  }
}
