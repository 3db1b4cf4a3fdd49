package dev.cogworks.sim.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.TestClock;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.ratelimit.RateLimitDecision;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.internal.managers.ManagerBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real JDA renames a channel and changes its topic. The name/topic sub-limit's window is shortened
 * to 1 s of the simulator's clock: JDA waits a 429 out in real time (its Retry-After), so with
 * Discord's 10 minutes the test would wait 10 minutes; the raw HTTP test keeps Discord's window.
 */
@DisplayName("Real JDA modifies channels: Manage Channels, CHANNEL_UPDATE, the name/topic limit")
class JdaChannelEditTest {
  private static final String MODIFY_CHANNEL = "PATCH /channels/{channel_id}";

  /** Frozen: the 1 s window ends only when the test says so, however slow the machine. */
  private final TestClock clock = TestClock.frozenAt(java.time.Instant.now());

  private DiscordSim sim;
  private SimGuild guild;
  private SimChannel general;
  private JDA jda;

  @BeforeEach
  void start() {
    RateLimitPolicy policy =
        RateLimitPolicy.discordDefaults()
            .withRoute(RateLimitPolicy.CHANNEL_NAME_TOPIC, 2, Duration.ofSeconds(1));
    sim = DiscordSim.start(SimOptions.defaults().withRateLimits(policy).withClock(clock));
    guild = SandboxSeed.apply(sim.control());
    general = sim.control().channelByName(guild.id, "general").orElseThrow();
  }

  @AfterEach
  void stop() {
    if (jda != null) {
      jda.shutdownNow();
    }
    sim.close();
  }

  private TextChannel login(long permissions) throws InterruptedException {
    SimBot bot = sim.control().createBot("cogworks", null, permissions, PrivilegedIntent.all());
    jda = SimJda.login(sim, bot, Compression.ZLIB);
    return jda.getTextChannelById(general.id);
  }

  @Test
  @DisplayName(
      "given a bot with Manage Channels, when it renames the channel and sets its topic, both land"
          + " and JDA's cache follows CHANNEL_UPDATE; a third change is a 429 that JDA waits out,"
          + " landing once the simulator's clock passes the window")
  void renamesWithinTheSubLimit() throws Exception {
    TextChannel channel = login(SimControl.DEFAULT_BOT_PERMISSIONS | Permission.MANAGE_CHANNELS);

    channel.getManager().setName("news").reason("tidying up").complete();
    channel.getManager().setTopic("what happened today").complete();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "news".equals(jda.getTextChannelById(general.id).getName()));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "what happened today".equals(jda.getTextChannelById(general.id).getTopic()));
    assertThat(sim.control().stats().rateLimited(RateLimitDecision.Scope.USER)).isZero();

    CompletableFuture<Void> third = channel.getManager().setName("headlines").submit();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sim.control().stats().rateLimited(RateLimitDecision.Scope.USER) == 1);
    assertThat(general.name).isEqualTo("news");
    assertThat(third).isNotDone();
    clock.advance(Duration.ofSeconds(1));
    third.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(general.name).isEqualTo("headlines");
    assertThat(sim.control().stats().requests(MODIFY_CHANNEL)).isGreaterThanOrEqualTo(4);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "headlines".equals(jda.getTextChannelById(general.id).getName()));
  }

  @Test
  @DisplayName(
      "given a bot without Manage Channels, JDA refuses locally, and with its checks off the"
          + " simulator answers 50013 Missing Permissions")
  void needsManageChannels() throws Exception {
    TextChannel channel = login(SimControl.DEFAULT_BOT_PERMISSIONS);

    assertThatThrownBy(channel::getManager).isInstanceOf(InsufficientPermissionException.class);
    ManagerBase.setPermissionChecksEnabled(false);
    try {
      assertThatThrownBy(() -> channel.getManager().setName("mine").complete())
          .isInstanceOfSatisfying(
              ErrorResponseException.class,
              e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_PERMISSIONS));
    } finally {
      ManagerBase.setPermissionChecksEnabled(true);
    }
    assertThat(general.name).isEqualTo("general");
  }
}
