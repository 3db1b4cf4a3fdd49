package dev.cogworks.core.internal.runtime;

import dev.cogworks.core.api.Cog;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.model.SimBot;
import java.util.List;

/**
 * The offline sandbox: discord-sim in-process on {@code sandbox.port} with the seeded guild, a bot
 * account in it, and the bot connected to the simulator. A person chats with it in the browser.
 */
public final class Sandbox implements AutoCloseable {
  private final DiscordSim sim;
  private final CogworksBot bot;

  private Sandbox(DiscordSim sim, CogworksBot bot) {
    this.sim = sim;
    this.bot = bot;
  }

  public static Sandbox start(CogworksConfig config, List<Cog> cogs, ClassLoader classLoader)
      throws InterruptedException {
    DiscordSim sim = DiscordSim.start(SimOptions.defaults().withPort(config.sandboxPort()));
    try {
      SandboxSeed.apply(sim.control());
      SimBot account = sim.control().createBot("Cogworks");
      CogworksConfig connected =
          config.withDiscord(
              config.discord().withEndpoints(account.token, sim.restBaseUrl(), sim.gatewayUrl()));
      return new Sandbox(sim, CogworksBot.start(connected, cogs, classLoader));
    } catch (RuntimeException | InterruptedException e) {
      sim.close();
      throw e;
    }
  }

  public String url() {
    return sim.baseUrl();
  }

  public DiscordSim sim() {
    return sim;
  }

  public CogworksBot bot() {
    return bot;
  }

  @Override
  public void close() {
    bot.close();
    sim.close();
  }
}
