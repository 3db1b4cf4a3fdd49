package dev.cogworks.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.ratelimit.RateLimitDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The short version of {@code scripts/chaos.sh storms}: one storm (5xx on a third of requests,
 * forced global 429s, slow answers) over a burst in {@code in_process}; nothing is lost or sent
 * twice and every send settles.
 */
@DisplayName("A storm of Discord faults during a burst: nothing lost, nothing sent twice")
class StormTest {
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(probe).config("messaging.mode", "in_process");

  @Test
  @DisplayName("5 channels x 6 sends through 5xx, global 429s and 800 ms answers for 4 s")
  void stormOverABurst() throws Exception {
    List<Long> channels = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long id = bot.sim().control().createChannel(bot.guild().id, "storm-" + i).id;
      await().until(() -> bot.bot().shards().getTextChannelById(id) != null);
      channels.add(id);
    }
    int invalidBefore = bot.sim().control().invalidRequests();
    var faults = bot.sim().control().faults();
    faults.add(new Fault.ServerError(null, 502, 0.33, 0));
    faults.add(new Fault.ForcedRateLimit(null, RateLimitDecision.Scope.GLOBAL, 500, 5));
    faults.add(new Fault.Latency(null, 800));
    CompletableFuture<Void> over =
        CompletableFuture.runAsync(
            () -> bot.sim().control().clearFaults(),
            CompletableFuture.delayedExecutor(4, TimeUnit.SECONDS));

    Map<String, CompletableFuture<SentMessage>> sends = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      for (long channel : channels) {
        String text = "storm " + channel + " #" + i;
        sends.put(text, probe.send(channel, text));
      }
    }
    over.join();
    int failed = 0;
    for (CompletableFuture<SentMessage> send : sends.values()) {
      try {
        send.get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        failed++;
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    for (long channel : channels) {
      for (SimMessage message : bot.sim().control().messages(channel)) {
        seen.merge(message.content, 1, Integer::sum);
      }
    }
    assertThat(seen.values()).as("no text twice").allMatch(n -> n == 1);
    // Every send is either in Discord or a dead letter: none is lost.
    assertThat(seen.size() + failed).isEqualTo(sends.size());
    int deadLetters = failed;
    // The store writes on a thread of its own: each failure is there soon after.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bot.bot().messaging().deadLetters().count() == deadLetters);
    assertThat(bot.sim().control().invalidRequests() - invalidBefore).isLessThan(100);
  }
}
