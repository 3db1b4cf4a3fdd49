package dev.cogworks.sim.junit;

import com.neovisionaries.ws.client.WebSocketFactory;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import java.util.Collection;
import java.util.EnumSet;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a simulator for a test class: started on a free port before all tests, with a bot (and its
 * token) created, closed after all. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static DiscordSimExtension sim = DiscordSimExtension.withSandbox();
 *
 * JDA jda = sim.jdaBuilder(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT)
 *     .addEventListeners(new MyBot()).build().awaitReady();
 * }</pre>
 *
 * {@link #jdaBuilder} needs JDA on the test classpath; other clients use {@link #restBaseUrl()},
 * {@link #gatewayUrl()} and {@link #token()}.
 */
public final class DiscordSimExtension implements BeforeAllCallback, AfterAllCallback {
  private final boolean sandbox;
  private final String botName;
  private SimOptions options = SimOptions.defaults().withPort(0);
  private DiscordSim sim;
  private SimBot bot;
  private SimGuild guild;

  private DiscordSimExtension(boolean sandbox, String botName) {
    this.sandbox = sandbox;
    this.botName = botName;
  }

  /**
   * The "Sandbox" guild (channels general, music, markov, roles; voice channels Lounge and Music;
   * users admin, alice, bob).
   */
  public static DiscordSimExtension withSandbox() {
    return new DiscordSimExtension(true, "bot");
  }

  /** An empty world with only the bot; build the rest through {@link #control()}. */
  public static DiscordSimExtension empty() {
    return new DiscordSimExtension(false, "bot");
  }

  /** Other simulator options (rate limits, heartbeat, clock); the port is always a free one. */
  public DiscordSimExtension withOptions(SimOptions options) {
    this.options = options.withPort(0);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    sim = DiscordSim.start(options);
    guild = sandbox ? SandboxSeed.apply(sim.control()) : null;
    // Every privileged intent switched on, as a developer testing a bot has them in the portal;
    // setPrivilegedIntents on the control turns them off for a test of that.
    bot = sim.control().createBot(botName, PrivilegedIntent.all());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (sim != null) {
      sim.close();
      sim = null;
    }
  }

  public DiscordSim sim() {
    return running();
  }

  public SimControl control() {
    return running().control();
  }

  /** The bot every test logs in as. */
  public SimBot bot() {
    running();
    return bot;
  }

  public String token() {
    return bot().token;
  }

  /** The sandbox guild; null for {@link #empty()}. */
  public SimGuild guild() {
    running();
    return guild;
  }

  /** For a channel of the sandbox guild by name, e.g. {@code channelId("general")}. */
  public long channelId(String name) {
    return control()
        .channelByName(guild().id, name)
        .orElseThrow(() -> new IllegalArgumentException("no channel " + name))
        .id;
  }

  /** For a user by name, e.g. {@code userId("alice")}. */
  public long userId(String name) {
    return control()
        .userByName(name)
        .orElseThrow(() -> new IllegalArgumentException("no user " + name))
        .id;
  }

  /** The voice server: what the bot sent in voice, its settings and faults. */
  public dev.cogworks.sim.voice.VoiceServer voice() {
    return running().voice();
  }

  public String restBaseUrl() {
    return running().restBaseUrl();
  }

  public String gatewayUrl() {
    return running().gatewayUrl();
  }

  /**
   * A JDA builder for the bot, pointed at the simulator; everything else is JDA's default but the
   * WebSocket factory, which trusts the simulator's voice gateway certificate ({@link
   * DiscordSim#voiceSslContext}) so that voice connects over TLS with every check on (and keeps
   * JDA's default 10 s connection timeout). A builder that replaces the factory must give it that
   * SSL context too.
   */
  public JDABuilder jdaBuilder(GatewayIntent intent, GatewayIntent... more) {
    return jdaBuilder(EnumSet.of(intent, more));
  }

  public JDABuilder jdaBuilder(Collection<GatewayIntent> intents) {
    String gateway = gatewayUrl();
    return JDABuilder.create(token(), intents)
        .setRestConfig(new RestConfig().setBaseUrl(restBaseUrl()))
        .setWebsocketFactory(
            new WebSocketFactory()
                .setConnectionTimeout(10_000)
                .setSSLContext(sim().voiceSslContext()))
        .setSessionController(
            new ConcurrentSessionController() {
              @Override
              public String getGateway() {
                return gateway;
              }
            });
  }

  private DiscordSim running() {
    if (sim == null) {
      throw new IllegalStateException(
          "the simulator runs between beforeAll and afterAll: register DiscordSimExtension on a"
              + " static field with @RegisterExtension");
    }
    return sim;
  }
}
