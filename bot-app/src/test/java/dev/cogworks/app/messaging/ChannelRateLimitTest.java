package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("messaging.channel_rate_limit: our own per-channel limit on top of Discord's")
class ChannelRateLimitTest {
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(probe)
          .config("messaging.mode", "in_process")
          .config("messaging.channel_rate_limit.enabled", true)
          .config("messaging.channel_rate_limit.requests", 3)
          .config("messaging.channel_rate_limit.per", "1s")
          .simOptions(
              SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.01)));

  @Test
  @DisplayName("At most 3 sends start per second in one channel; other channels are not held")
  void limitsEachChannel() throws Exception {
    long general = bot.channel("general").id;
    long music = bot.channel("music").id;
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      sends.add(probe.send(general, "g" + i));
    }
    var other = probe.send(music, "not held");

    other.get(5, TimeUnit.SECONDS);
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    List<SimMessage> messages = bot.sim().control().messages(general);
    assertThat(messages)
        .extracting(m -> m.content)
        .containsExactly("g0", "g1", "g2", "g3", "g4", "g5", "g6");
    Duration firstToFourth =
        Duration.between(messages.get(0).createdAt(), messages.get(3).createdAt());
    Duration firstToSeventh =
        Duration.between(messages.get(0).createdAt(), messages.get(6).createdAt());
    assertThat(firstToFourth).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(firstToSeventh).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
    SimMessage notHeld = bot.sim().control().messages(music).get(0);
    assertThat(notHeld.createdAt())
        .as("#music was served while #general waited for its window")
        .isBefore(messages.get(3).createdAt());
  }
}
