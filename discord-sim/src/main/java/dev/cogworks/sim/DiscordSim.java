package dev.cogworks.sim;

import dev.cogworks.sim.control.ControlRoutes;
import dev.cogworks.sim.control.EventStream;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.faults.Faults;
import dev.cogworks.sim.gateway.Gateway;
import dev.cogworks.sim.gateway.SessionStartLimits;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.ratelimit.RateLimiter;
import dev.cogworks.sim.rest.ChannelRoutes;
import dev.cogworks.sim.rest.CommandRoutes;
import dev.cogworks.sim.rest.EmojiRoutes;
import dev.cogworks.sim.rest.GuildRoutes;
import dev.cogworks.sim.rest.InteractionRoutes;
import dev.cogworks.sim.rest.MessageRoutes;
import dev.cogworks.sim.rest.RestPipeline;
import dev.cogworks.sim.rest.SessionRoutes;
import dev.cogworks.sim.rest.VoiceStateRoutes;
import dev.cogworks.sim.rest.WebhookRoutes;
import dev.cogworks.sim.state.MessageWriter;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import dev.cogworks.sim.state.SimStats;
import dev.cogworks.sim.voice.VoiceRoutes;
import dev.cogworks.sim.voice.VoiceServer;
import dev.cogworks.sim.voice.VoiceStates;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.time.Duration;

/**
 * A running Discord simulator: REST v10 under {@code /api/v10}, the gateway at {@code /gateway},
 * the control API under {@code /_sim} and the chat page at {@code /}, all on one loopback port.
 *
 * <pre>{@code
 * try (DiscordSim sim = DiscordSim.start(SimOptions.defaults())) {
 *   SimBot bot = sim.control().createBot("cogworks");
 *   JDABuilder.createDefault(bot.token)
 *       .setRestConfig(new RestConfig().setBaseUrl(sim.restBaseUrl()))
 *       .setSessionController(new SimSessionController(sim.gatewayUrl())) ...
 * }
 * }</pre>
 */
public final class DiscordSim implements AutoCloseable {
  private final Javalin app;
  private final SimControl control;
  private final Gateway gateway;
  private final EventStream events;
  private final RateLimiter limiter;
  private final String host;
  private final VoiceServer voice;
  private final VoiceStates voiceStates;

  private DiscordSim(SimOptions options) {
    this.host = options.host();
    SimState state = new SimState();
    SimStats stats = new SimStats();
    Faults faults = new Faults();
    limiter = new RateLimiter(options.rateLimits(), options.clock(), options.cloudflareBan());
    MessageWriter writer = new MessageWriter(state, stats, options.clock());
    app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.http.prefer405over404 = true;
              config.staticFiles.add("/sim-web", Location.CLASSPATH);
              config.jetty.modifyWebSocketServletFactory(
                  factory -> {
                    factory.setIdleTimeout(Duration.ofMinutes(10));
                    factory.setMaxTextMessageSize(1 << 20);
                  });
            });
    SessionStartLimits startLimits =
        new SessionStartLimits(options.gatewayLimits(), options.clock());
    gateway =
        new Gateway(
            state,
            options.heartbeatInterval(),
            options.gatewayLimits(),
            startLimits,
            this::gatewayUrl,
            options.clock());
    voice = VoiceServer.start(options.host(), (g, c) -> VoiceStates.inChannel(state, g, c));
    voiceStates = new VoiceStates(state, voice, options.clock());
    gateway.onVoiceRequests(voiceStates::request);
    state.addListener(
        event -> {
          if (event instanceof SimEvent.ChannelDeleted deleted) {
            voiceStates.channelDeleted(deleted.channel());
          }
        });
    events = new EventStream(state);
    control =
        new SimControl(
            state,
            writer,
            stats,
            faults,
            limiter,
            gateway,
            options.clock(),
            options.interactionAckWindow());

    RestPipeline api = new RestPipeline(app, state, limiter, faults, stats);
    new SessionRoutes(state, startLimits, this::gatewayUrl).register(api);
    new MessageRoutes(state, writer, options.clock()).register(api);
    new GuildRoutes(state).register(api);
    new ChannelRoutes(state).register(api);
    new EmojiRoutes(state).register(api);
    new CommandRoutes(state, limiter).register(api);
    new InteractionRoutes(state, writer, options.clock(), options.interactionAckWindow())
        .register(api);
    new WebhookRoutes(state, writer, options.clock()).register(api);
    new VoiceStateRoutes(state, voiceStates).register(api);
    gateway.register(app);
    new ControlRoutes(control, events).register(app);
    new VoiceRoutes(state, voice, voiceStates).register(app);
    // Unknown REST routes answer in Discord's shape, not Javalin's plain text.
    app.error(404, ctx -> answerUnrouted(ctx, "404: Not Found"));
    app.error(405, ctx -> answerUnrouted(ctx, "405: Method Not Allowed"));
    app.start(options.host(), options.port());
  }

  private static void answerUnrouted(io.javalin.http.Context ctx, String message) {
    // Routes answer their own 404s (unknown channel and so on) in JSON already; keep those.
    String result = ctx.result();
    boolean answered = result != null && result.startsWith("{");
    if (ctx.path().startsWith(RestPipeline.API_PREFIX) && !answered) {
      ctx.contentType("application/json")
          .result(Json.write(Json.object().put("message", message).put("code", 0)));
    }
  }

  /** Starts a simulator; it serves until {@link #close()}. */
  public static DiscordSim start(SimOptions options) {
    return new DiscordSim(options);
  }

  public static DiscordSim start() {
    return start(SimOptions.defaults());
  }

  public int port() {
    return app.port();
  }

  /** {@code http://127.0.0.1:PORT/} — the chat page and the root of every other URL. */
  public String baseUrl() {
    return "http://" + host + ":" + port() + "/";
  }

  /** The value for JDA's {@code RestConfig.setBaseUrl}. */
  public String restBaseUrl() {
    return baseUrl() + "api/v10/";
  }

  /** The gateway URL a SessionController should return, and READY's resume_gateway_url. */
  public String gatewayUrl() {
    return "ws://" + host + ":" + port() + Gateway.PATH;
  }

  public SimControl control() {
    return control;
  }

  /**
   * Serves {@code folder}'s files read-only under {@code prefix} (such as {@code /media/}) of this
   * simulator's web server, with range requests; returns their base URL. Not a Discord route: the
   * sandbox serves its music library there, so that playing a URL works with no other server.
   */
  public String serveFolder(String prefix, java.nio.file.Path folder) {
    new dev.cogworks.sim.control.FolderRoute(prefix, folder).register(app);
    return baseUrl() + prefix.substring(1);
  }

  /**
   * The voice server: its settings (DAVE required, offered modes), what it heard ({@link
   * VoiceServer#stats}) and its faults.
   */
  public VoiceServer voice() {
    return voice;
  }

  /** Voice states: move simulated users in and out of voice channels, stage speaker requests. */
  public VoiceStates voiceStates() {
    return voiceStates;
  }

  /**
   * An SSL context that trusts the voice gateway's self-signed certificate (and nothing else). JDA
   * connects to voice over TLS only; give it {@code setWebsocketFactory(new
   * WebSocketFactory().setSSLContext(sim.voiceSslContext()))}.
   */
  public javax.net.ssl.SSLContext voiceSslContext() {
    return voice.clientSslContext();
  }

  /** Replaces the rate-limit policy (and resets every bucket), for tests that tighten limits. */
  public void setRateLimits(dev.cogworks.sim.ratelimit.RateLimitPolicy policy) {
    limiter.setPolicy(policy);
  }

  @Override
  public void close() {
    gateway.closeAll();
    events.close();
    voice.close();
    app.stop();
  }
}
