package dev.cogworks.sim;

import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulator with the sandbox seeded and a bot that speaks raw REST, for tests of Discord's exact
 * answers. Buckets are relaxed: those tests are about answers, RateLimitTest is about the limits.
 */
final class RestFixture implements AutoCloseable {
  final DiscordSim sim;
  final SimGuild guild;
  final SimBot bot;
  final SimHttp http;
  final long alice;
  private final AtomicInteger channels = new AtomicInteger();

  private RestFixture(Duration acknowledgementWindow) {
    sim =
        DiscordSim.start(
            SimOptions.defaults()
                .withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.001))
                .withInteractionAckWindow(acknowledgementWindow));
    guild = SandboxSeed.apply(sim.control());
    bot = sim.control().createBot("testbot", PrivilegedIntent.all());
    http = new SimHttp(sim, bot.token);
    alice = sim.control().userByName("alice").orElseThrow().id;
  }

  static RestFixture start() {
    return start(SimOptions.defaults().interactionAckWindow());
  }

  static RestFixture start(Duration acknowledgementWindow) {
    return new RestFixture(acknowledgementWindow);
  }

  /** A new channel of the guild, so a test sees only its own messages. */
  long freshChannel() {
    return sim.control().createChannel(guild.id, "c" + channels.incrementAndGet()).id;
  }

  /** Registers the bot's guild commands (a JSON array), as a bulk overwrite. */
  void registerCommands(String json) {
    SimHttp.Answer answer =
        http.send(
            "PUT",
            "applications/" + bot.applicationId() + "/guilds/" + guild.id + "/commands",
            json);
    if (answer.status() != 200) {
      throw new IllegalStateException("registering commands: " + answer.raw().body());
    }
  }

  @Override
  public void close() {
    sim.close();
  }
}
