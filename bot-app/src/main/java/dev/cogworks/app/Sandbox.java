package dev.cogworks.app;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.api.Cog;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigSource;
import dev.cogworks.core.internal.conversation.EchoAssistant;
import dev.cogworks.core.internal.runtime.CogworksBot;
import dev.cogworks.core.internal.runtime.RelayWorkerProcess;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The offline sandbox: discord-sim in-process on {@code sandbox.port} with the seeded guild, a bot
 * account in it, and the bot connected to the simulator. A person chats with it in the browser. In
 * {@code external_gateway} mode it also runs one gateway worker in-process: on PostgreSQL the queue
 * lives in the sandbox's embedded database unless a server is configured; Redis must be reachable.
 */
public final class Sandbox implements AutoCloseable {
  /** The chat page's label for the link to the bot's queue monitor. */
  public static final String MONITOR_LINK = "Queue monitor";

  private final DiscordSim sim;
  private final CogworksBot bot;
  private final RelayWorkerProcess worker;

  private Sandbox(DiscordSim sim, CogworksBot bot, RelayWorkerProcess worker) {
    this.sim = sim;
    this.bot = bot;
    this.worker = worker;
  }

  public static Sandbox start(CogworksConfig config, List<Cog> cogs, ClassLoader classLoader)
      throws InterruptedException {
    DiscordSim sim = DiscordSim.start(SimOptions.defaults().withPort(config.sandboxPort()));
    try {
      SimGuild guild = SandboxSeed.apply(sim.control());
      SimBot account = SandboxSeed.createBot(sim.control(), "Cogworks");
      boolean markov =
          cogs.stream().anyMatch(c -> c.name().equals("markov")) && config.cogs().wants("markov");
      if (markov) {
        MarkovSandboxSeed.apply(sim.control(), guild);
      }
      boolean roles =
          cogs.stream().anyMatch(c -> c.name().equals("role")) && config.cogs().wants("role");
      if (roles) {
        RoleSandboxSeed.apply(sim.control(), guild, account);
      }
      // The sandbox answers `ask` and DMs out of the box: with the markov cog's assistant when it
      // runs, otherwise the echo one, unless the config names another.
      CogworksConfig withAssistant =
          config.conversation().enabled()
              ? config
              : config.withAssistant(markov ? "markov" : EchoAssistant.NAME);
      CogworksConfig withEndpoints =
          withAssistant.withDiscord(
              config
                  .discord()
                  .withEndpoints(account.token, sim.restBaseUrl(), sim.gatewayUrl())
                  .withVoiceTrustPem(voiceTrustPem(sim).toString()));
      CogworksConfig connected = withEndpoints;
      ConfigSource source = ConfigSource.userFile(classLoader);
      if (cogs.stream().anyMatch(c -> c.name().equals("music")) && config.cogs().wants("music")) {
        connected =
            MusicSandboxSeed.serve(sim, MusicSandboxSeed.apply(config.raw()), withEndpoints);
        // A reload reads the file again: the sandbox's own origin stays allowed, instead of being
        // reported as a changed key that needs a restart.
        String allow = MusicSandboxSeed.ALLOW_PRIVATE;
        source =
            source.with(ConfigFactory.empty().withValue(allow, connected.raw().getValue(allow)));
      }
      CogworksBot bot = CogworksBot.start(connected, source, cogs, classLoader, true);
      RelayWorkerProcess worker = null;
      if (config.messaging().mode() == CogworksConfig.MessagingMode.EXTERNAL_GATEWAY) {
        // One worker in-process, so external_gateway can be tried without starting another JVM.
        try {
          // The bot's config says where the queue is (perhaps its embedded database).
          worker = RelayWorkerProcess.start(bot.config());
        } catch (RuntimeException | InterruptedException e) {
          bot.close();
          throw e;
        }
        // The worker runs until the bot has drained its queue, and stops before the bot's
        // database (where its queue may live) closes.
        bot.beforeDatabaseCloses(worker::close);
      }
      if (markov) {
        MarkovSandboxSeed.turnOn(sim.control(), guild);
      }
      linkMonitor(sim.control(), bot);
      if (roles) {
        RoleSandboxSeed.setUp(sim.control(), guild);
      }
      return new Sandbox(sim, bot, worker);
    } catch (RuntimeException | InterruptedException e) {
      sim.close();
      throw e;
    }
  }

  /**
   * The simulator's voice gateway certificate in a temporary file, for the bot to trust (voice is
   * TLS only). It lives as long as the JVM.
   */
  private static Path voiceTrustPem(DiscordSim sim) {
    try {
      Path pem = Files.createTempFile("discord-sim-voice", ".pem");
      pem.toFile().deleteOnExit();
      Files.writeString(pem, sim.voice().certificatePem());
      return pem;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Shows the bot's queue monitor in the chat page's header. The link carries no token: the monitor
   * asks for it (printed on the sandbox's console) and keeps it in the browser tab.
   */
  public static void linkMonitor(SimControl control, CogworksBot bot) {
    bot.admin().ifPresent(a -> control.pageLinks().put(MONITOR_LINK, a.server().url()));
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

  /** The in-process gateway worker, in {@code external_gateway} mode. */
  public java.util.Optional<RelayWorkerProcess> worker() {
    return java.util.Optional.ofNullable(worker);
  }

  /** Stops the bot (and with it the worker, in the right order), then the simulator. */
  @Override
  public void close() {
    bot.close();
    sim.close();
  }
}
