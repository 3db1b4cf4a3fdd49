package dev.cogworks.bench;

import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/** A simulator and one sender (a Cogworks bot in a mode, or plain JDA), torn down together. */
final class BenchEnvironment implements AutoCloseable {
  final String target;
  final DiscordSim sim;
  final SimGuild guild;
  final Sender sender;
  private final LongPredicate knowsChannel;
  private final AutoCloseable closer;
  private int channelCounter;

  private BenchEnvironment(
      String target,
      DiscordSim sim,
      SimGuild guild,
      Sender sender,
      LongPredicate knowsChannel,
      AutoCloseable closer) {
    this.target = target;
    this.sim = sim;
    this.guild = guild;
    this.sender = sender;
    this.knowsChannel = knowsChannel;
    this.closer = closer;
  }

  /** Plain JDA 6 with its default rate limiter against a simulator with Discord's limits. */
  static BenchEnvironment plainJda(SimOptions options) throws InterruptedException {
    DiscordSim sim = DiscordSim.start(options);
    SimGuild guild = SandboxSeed.apply(sim.control());
    SimBot bot = SandboxSeed.createBot(sim.control(), "anchor");
    JDA jda =
        JDABuilder.createLight(bot.token, GatewayIntent.GUILD_MESSAGES)
            .setRestConfig(new RestConfig().setBaseUrl(sim.restBaseUrl()))
            .setSessionController(
                new ConcurrentSessionController() {
                  @Override
                  public String getGateway() {
                    return sim.gatewayUrl();
                  }
                })
            .build()
            .awaitReady();
    return new BenchEnvironment(
        "plain JDA",
        sim,
        guild,
        new PlainJdaSender(jda),
        id -> jda.getTextChannelById(id) != null,
        () -> {
          jda.shutdownNow();
          sim.close();
        });
  }

  /** A Cogworks bot in {@code mode} sending through a cog's CogHelper. */
  static BenchEnvironment cogworks(String mode, SimOptions options) throws InterruptedException {
    BenchCog cog = new BenchCog();
    BenchHarness harness =
        BenchHarness.with(cog)
            .config("messaging.mode", mode)
            // The wide burst submits 1,500 sends at once: more than the default bounds, which would
            // refuse the rest at once (QueueFullException), as they should in production.
            .config("messaging.in_process.max_queue_size", 10_000)
            .config("messaging.direct.max_waiting", 10_000)
            // A 1,500-message burst at 50/s takes 30 s by the global limit alone; the default
            // 30 s deadline would expire its tail, which is the deadline working, not a result.
            .config("messaging.in_process.request_timeout", "5m")
            .simOptions(options);
    harness.start();
    BenchEnvironment env =
        new BenchEnvironment(
            "cogworks " + mode,
            harness.sim(),
            harness.guild(),
            cog,
            id -> harness.bot().shards().getTextChannelById(id) != null,
            harness::stop);
    env.harness = harness;
    return env;
  }

  /**
   * A Cogworks bot in {@code external_gateway} mode on {@code queueType} at {@code url}, with
   * {@code workers} gateway workers (each its own JDA, in this JVM).
   */
  static BenchEnvironment external(String queueType, String url, int workers, SimOptions options)
      throws InterruptedException {
    BenchCog cog = new BenchCog();
    BenchHarness harness =
        BenchHarness.with(cog)
            .externalGateway(queueType, url, workers)
            .config("messaging.gateway.request_timeout", "5m")
            .simOptions(options);
    harness.start();
    BenchEnvironment env =
        new BenchEnvironment(
            "cogworks external " + queueType + " x" + workers,
            harness.sim(),
            harness.guild(),
            cog,
            // Workers address channels by id over REST: only the bot needs to know it.
            id -> harness.bot().shards().getTextChannelById(id) != null,
            harness::stop);
    env.harness = harness;
    return env;
  }

  /** The harness behind a Cogworks target (null for plain JDA). */
  BenchHarness harness;

  /** {@code count} new channels, once the sender's JDA knows them all. */
  List<Long> channels(int count) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(sim.control().createChannel(guild.id, "bench-" + (channelCounter++)).id);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(knowsChannel::test));
    return ids;
  }

  @Override
  public void close() throws Exception {
    closer.close();
  }
}
