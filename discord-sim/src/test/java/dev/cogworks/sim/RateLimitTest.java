package dev.cogworks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.jda.SimJda;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.ratelimit.RateLimitDecision.Scope;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Discord's rate limits: per-route buckets, the global limit, invalid requests")
class RateLimitTest {
  private DiscordSim sim;
  private JDA jda;

  @AfterEach
  void stop() {
    if (jda != null) {
      jda.shutdownNow();
    }
    sim.close();
  }

  private SimGuild start(RateLimitPolicy policy) {
    return start(SimOptions.defaults().withRateLimits(policy));
  }

  private SimGuild start(SimOptions options) {
    sim = DiscordSim.start(options);
    return SandboxSeed.apply(sim.control());
  }

  @Test
  @DisplayName("The 6th message to one channel within 5 s is a 429 with every header and field")
  void sixthMessageIsRateLimited() {
    SimGuild guild = start(RateLimitPolicy.discordDefaults());
    SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    long channel = sim.control().channelByName(guild.id, "general").orElseThrow().id;
    SimHttp http = new SimHttp(sim, bot.token);

    List<SimHttp.Answer> answers = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      answers.add(http.post("channels/" + channel + "/messages", "{\"content\":\"m" + i + "\"}"));
    }

    assertThat(answers.subList(0, 5)).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
    assertThat(answers.get(0).header("X-RateLimit-Limit")).isEqualTo("5");
    assertThat(answers.get(0).header("X-RateLimit-Remaining")).isEqualTo("4");
    assertThat(answers.get(4).header("X-RateLimit-Remaining")).isEqualTo("0");
    SimHttp.Answer limited = answers.get(5);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("5");
    assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(Double.parseDouble(limited.header("X-RateLimit-Reset")))
        .isGreaterThan(System.currentTimeMillis() / 1000.0);
    assertThat(Double.parseDouble(limited.header("X-RateLimit-Reset-After"))).isBetween(0.0, 5.0);
    assertThat(limited.header("X-RateLimit-Bucket"))
        .isEqualTo(answers.get(0).header("X-RateLimit-Bucket"));
    assertThat(limited.header("X-RateLimit-Scope")).isEqualTo("user");
    assertThat(limited.header("X-RateLimit-Global")).isNull();
    assertThat(limited.header("Retry-After")).matches("[1-5]");
    assertThat(limited.header("Via")).isNotBlank();
    JsonNode body = limited.json();
    assertThat(body.path("message").asText()).isEqualTo("You are being rate limited.");
    assertThat(body.path("retry_after").asDouble()).isBetween(0.001, 5.0);
    assertThat(body.path("global").asBoolean(true)).isFalse();
    assertThat(body.has("code")).isTrue();
    assertThat(sim.control().messages(channel)).hasSize(5);
    assertThat(sim.control().stats().rateLimited(Scope.USER)).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "60 requests across 60 channels in one second: 50 pass, 10 are 429 with global scope;"
          + " the next second has a new budget")
  void wideBurstHitsGlobalLimit() {
    // The simulator's clock stands still, so all 60 fall in one second however slow the machine.
    TestClock clock = TestClock.frozenAt(Instant.parse("2026-01-01T00:00:00Z"));
    SimGuild guild = start(SimOptions.defaults().withClock(clock));
    SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    List<Long> channels =
        IntStream.range(0, 60)
            .mapToObj(i -> sim.control().createChannel(guild.id, "c" + i).id)
            .toList();
    SimHttp http = new SimHttp(sim, bot.token);

    List<SimHttp.Answer> answers =
        channels.stream()
            .map(c -> http.post("channels/" + c + "/messages", "{\"content\":\"burst\"}"))
            .toList();

    assertThat(answers.subList(0, 50)).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
    assertThat(answers.subList(50, 60))
        .allSatisfy(
            refused -> {
              assertThat(refused.status()).isEqualTo(429);
              assertThat(refused.header("X-RateLimit-Global")).isEqualTo("true");
              assertThat(refused.header("X-RateLimit-Scope")).isEqualTo("global");
              assertThat(refused.header("Retry-After")).isEqualTo("1");
              assertThat(refused.header("Via")).isNotBlank();
              assertThat(refused.json().path("global").asBoolean()).isTrue();
              assertThat(refused.json().path("retry_after").asDouble()).isEqualTo(1.0);
            });
    assertThat(sim.control().stats().rateLimited(Scope.GLOBAL)).isEqualTo(10);
    assertThat(sim.control().stats().totalRateLimited()).isEqualTo(10);
    assertThat(sim.control().stats().messagesCreated()).isEqualTo(50);

    clock.advance(Duration.ofSeconds(1));
    long last = channels.get(59);
    assertThat(http.post("channels/" + last + "/messages", "{\"content\":\"later\"}").status())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("Interaction callbacks do not count against the global limit")
  void interactionCallbacksAreExempt() {
    start(RateLimitPolicy.discordDefaults().withGlobalPerSecond(1));
    SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    SimHttp http = new SimHttp(sim, bot.token);
    assertThat(http.get("users/@me").status()).isEqualTo(200);
    assertThat(http.get("users/@me").status()).isEqualTo(429);

    SimHttp.Answer callback =
        http.post("interactions/1/token/callback", "{\"type\":4,\"data\":{\"content\":\"x\"}}");

    assertThat(callback.status())
        .as("refused for the unknown interaction, not the global limit")
        .isEqualTo(404);
    assertThat(callback.json().path("code").asInt()).isEqualTo(10062);
  }

  @Test
  @DisplayName("JDA, given these answers, backs off and delivers every message in order")
  void jdaBacksOffAndDeliversEverything() throws Exception {
    // Buckets 5x faster and a global limit of 10/s so both limits bite within a short test.
    SimGuild guild = start(RateLimitPolicy.discordDefaults().scaled(0.2).withGlobalPerSecond(10));
    List<Long> wide =
        IntStream.range(0, 30)
            .mapToObj(i -> sim.control().createChannel(guild.id, "w" + i).id)
            .toList();
    jda =
        SimJda.login(
            sim, sim.control().createBot("cogworks", PrivilegedIntent.all()), Compression.NONE);
    TextChannel general = jda.getTextChannelsByName("general", false).get(0);

    List<CompletableFuture<Message>> sends = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      sends.add(general.sendMessage("n" + i).submit());
    }
    for (long channel : wide) {
      sends.add(jda.getTextChannelById(channel).sendMessage("wide").submit());
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
        .get(60, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(sim.control().messages(general.getIdLong()))
        .extracting(m -> m.content)
        .containsExactlyElementsOf(IntStream.range(0, 15).mapToObj(i -> "n" + i).toList());
    assertThat(wide).allSatisfy(c -> assertThat(sim.control().messages(c)).hasSize(1));
    assertThat(sim.control().stats().rateLimited(Scope.GLOBAL))
        .as("JDA only learns of the global limit from 429s")
        .isPositive();
  }

  @Test
  @DisplayName("Past the invalid-request ceiling every request is refused as Cloudflare would")
  void invalidRequestsLeadToCloudflareBan() {
    start(RateLimitPolicy.discordDefaults().withInvalidRequestLimit(20, Duration.ofMinutes(10)));
    SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    SimHttp bad = new SimHttp(sim, "not-a-token");
    SimHttp good = new SimHttp(sim, bot.token);

    for (int i = 0; i < 19; i++) {
      assertThat(bad.get("users/@me").status()).isEqualTo(401);
    }
    assertThat(good.get("users/@me").status())
        .as("19 invalid requests are tolerated")
        .isEqualTo(200);
    assertThat(bad.get("users/@me").status()).isEqualTo(401);
    SimHttp.Answer banned = good.get("users/@me");

    assertThat(sim.control().invalidRequests()).isEqualTo(20);
    assertThat(banned.status()).isEqualTo(429);
    assertThat(banned.header("Via"))
        .as("Cloudflare's 429 does not come through Discord's proxy")
        .isNull();
    assertThat(banned.header("Retry-After")).isNotNull();
    assertThat(banned.raw().body()).contains("1015");
  }
}
