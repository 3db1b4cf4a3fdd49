package dev.cogworks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The short version of {@code scripts/chaos.sh outages}: 5-second outages of the bot's own
 * PostgreSQL (in_process) and of the Redis engine (external_gateway) in the middle of a burst.
 */
@DisplayName("Engines stopped for 5 s mid-burst and started again on their port and data")
class EngineOutagesTest {
  @Test
  @DisplayName("The bot's PostgreSQL: sends go on, ping answers, a command needing it says so")
  void botDatabase() throws Exception {
    OutageBenchmark.Result r =
        new OutageBenchmark().run("in_process", "the bot's database", Duration.ofSeconds(5));

    assertThat(r.lost()).isZero();
    assertThat(r.duplicated()).isZero();
    assertThat(r.delivered()).isEqualTo(r.acknowledged());
    assertThat(r.answers().get("!ping")).startsWith("Pong!");
    assertThat(r.answers().get("!settings set"))
        .isEqualTo(
            "I can't reach my database right now, so I can't do that. Try again in a minute.");
    assertThat(r.answers().get("/mydata show")).isNotNull().doesNotContain("Something went wrong");
    assertThat(r.answers().get("!settings set, after")).contains("is now", "core.prefixes");
  }

  @Test
  @DisplayName("The Redis engine: what waited in the bot and in Redis is delivered once it is back")
  void redisEngine() throws Exception {
    OutageBenchmark.Result r =
        new OutageBenchmark().run("redis", "the engine", Duration.ofSeconds(5));

    assertThat(r.lost()).isZero();
    assertThat(r.duplicated()).isZero();
    assertThat(r.deadLettered()).isZero();
    assertThat(r.delivered()).isEqualTo(r.acknowledged());
    assertThat(r.answers().get("!ping (answered after the return)")).startsWith("Pong!");
    assertThat(r.firstDeliveryAfterReturn()).isPositive();
  }
}
