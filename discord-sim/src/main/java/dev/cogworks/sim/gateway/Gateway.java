package dev.cogworks.sim.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import io.javalin.Javalin;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway WebSocket at {@code /gateway}: HELLO, IDENTIFY (accepted before or after HELLO, as
 * JDA sends it early), READY and GUILD_CREATE per guild of the shard, heartbeats, RESUME with
 * replay, member chunk requests ({@link MemberRequests}), and every world event dispatched to the
 * sessions that should hear it. Gateway faults (drop, stall, reconnect, invalid session) act on
 * live connections.
 *
 * <p>Discord's limits are enforced: {@code v} and {@code encoding} in the URL, heartbeat liveness
 * (4009), 120 payloads per 60 s per connection (4008), 4,096 bytes per payload (4002), payloads
 * before IDENTIFY (4003), more than 2,500 guilds on one session (4011), and the session start limit
 * ({@link SessionStartLimits}).
 */
public final class Gateway {
  public static final String PATH = "/gateway";

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration RESUME_WINDOW = Duration.ofMinutes(5);

  /** API versions Discord still serves: 9 and 10 available, 6 to 8 deprecated (6 the default). */
  private static final Set<String> SUPPORTED_VERSIONS = Set.of("6", "7", "8", "9", "10");

  /** Discord's limits on what a client sends ({@code gateway.mdx}, "Sending Events"). */
  static final int MAX_PAYLOAD_BYTES = 4096;

  /** Discord asks a bot in more guilds than this per session to shard. */
  static final int MAX_GUILDS_PER_SESSION = 2500;

  /** IDENTIFY's {@code large_threshold}: 50 to 250, 50 when absent. */
  private static final int MIN_LARGE_THRESHOLD = 50;

  private static final int MAX_LARGE_THRESHOLD = 250;

  private final SimState state;
  private final GatewayEvents events;
  private final MemberRequests memberRequests;
  private final Duration heartbeatInterval;
  private final Duration heartbeatTimeout;
  private final SessionStartLimits startLimits;
  private final Supplier<String> resumeUrl;
  private final AtomicLong heartbeatsReceived = new AtomicLong();
  private final AtomicLong sessionsStarted = new AtomicLong();
  private final AtomicLong dispatches = new AtomicLong();
  private final ScheduledExecutorService liveness;
  private final Map<String, GatewayConnection> connections = new ConcurrentHashMap<>();
  private final Map<String, GatewaySession> sessions = new ConcurrentHashMap<>();

  public Gateway(
      SimState state,
      Duration heartbeatInterval,
      GatewayLimits limits,
      SessionStartLimits startLimits,
      Supplier<String> resumeUrl,
      Clock clock) {
    this.state = state;
    this.events = new GatewayEvents(state, this::isOnline);
    this.memberRequests = new MemberRequests(state, clock);
    this.heartbeatInterval = heartbeatInterval;
    this.heartbeatTimeout = heartbeatInterval.plus(limits.heartbeatSlack());
    this.startLimits = startLimits;
    this.resumeUrl = resumeUrl;
    state.addListener(this::onWorldEvent);
    this.liveness =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "discord-sim-gateway-liveness");
              thread.setDaemon(true);
              return thread;
            });
    long tick = Math.max(10, Math.min(250, heartbeatTimeout.toMillis() / 20));
    liveness.scheduleAtFixedRate(this::closeSilentConnections, tick, tick, TimeUnit.MILLISECONDS);
  }

  /**
   * A non-dispatch payload. Discord's payload structure always has {@code op}, {@code d}, {@code s}
   * and {@code t}, the last two null outside dispatches: Discord4J reads {@code t} unconditionally
   * and fails on a frame without it.
   */
  static String control(int op, JsonNode data) {
    ObjectNode frame = Json.object().put("op", op);
    frame.set("d", data == null ? Json.MAPPER.nullNode() : data);
    frame.putNull("s");
    frame.putNull("t");
    return Json.write(frame);
  }

  private volatile boolean outage;
  private volatile VoiceRequests voiceRequests = VoiceRequests.IGNORE;

  /** Who answers op 4; until set, voice state updates are read and ignored. */
  public void onVoiceRequests(VoiceRequests requests) {
    this.voiceRequests = requests;
  }

  public void register(Javalin app) {
    app.ws(PATH, this::configure);
  }

  private void configure(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          boolean zlib = "zlib-stream".equals(ctx.queryParam("compress"));
          GatewayConnection connection = new GatewayConnection(ctx, zlib);
          Refusal refusal =
              outage ? new Refusal(1001, "discord-sim: gateway outage") : refusal(ctx);
          if (refusal != null) {
            // Closed before HELLO: nothing is ever sent in a version or encoding not asked for.
            connection.close(refusal.code(), refusal.reason());
            connection.released();
            return;
          }
          connections.put(ctx.sessionId(), connection);
          ObjectNode data = Json.object().put("heartbeat_interval", heartbeatInterval.toMillis());
          data.putArray("_trace").add("discord-sim");
          connection.send(control(10, data));
        });
    ws.onMessage(ctx -> onFrame(ctx, ctx.message()));
    ws.onBinaryMessage(ctx -> onFrame(ctx, new String(ctx.data(), StandardCharsets.UTF_8)));
    ws.onClose(ctx -> closed(ctx, ctx.status()));
    ws.onError(ctx -> log.debug("gateway connection {} failed: {}", ctx.sessionId(), ctx.error()));
  }

  /** A connection the gateway will not serve: the close code and reason it gets instead. */
  private record Refusal(int code, String reason) {}

  /**
   * Why a connection cannot be served, or null. {@code v} must be a version Discord still serves
   * (4012 otherwise; absent means Discord's default, 6). The simulator speaks JSON only, so {@code
   * encoding=etf} (or anything but json) and {@code compress=zstd-stream} are refused with 4002
   * rather than answered in a format the client did not ask for.
   */
  private static Refusal refusal(WsContext ctx) {
    String version = ctx.queryParam("v");
    if (version != null && !SUPPORTED_VERSIONS.contains(version)) {
      return new Refusal(4012, "Invalid API version.");
    }
    String encoding = ctx.queryParam("encoding");
    if (encoding != null && !encoding.equals("json")) {
      return new Refusal(4002, "discord-sim speaks encoding=json only.");
    }
    if ("zstd-stream".equals(ctx.queryParam("compress"))) {
      return new Refusal(4002, "discord-sim supports compress=zlib-stream only.");
    }
    return null;
  }

  /**
   * Closes connections that missed their heartbeat by more than the slack, with 4009. The session
   * stays resumable, as Discord's docs say ("you will be forced to Resume"). A stalled connection
   * is the simulator hanging on purpose, so it closes nothing.
   */
  private void closeSilentConnections() {
    long now = System.nanoTime();
    for (GatewayConnection connection : connections.values()) {
      if (!connection.stalled && now - connection.lastHeartbeatNanos > heartbeatTimeout.toNanos()) {
        log.debug("gateway connection {} missed its heartbeat", connection.id());
        connection.lastHeartbeatNanos = now;
        connection.close(4009, "Session timed out.");
      }
    }
  }

  private void closed(WsContext ctx, int status) {
    GatewayConnection connection = connections.remove(ctx.sessionId());
    if (connection == null) {
      return;
    }
    GatewaySession session = connection.session;
    if (session != null) {
      session.detach(connection);
      // Closing with 1000 or 1001 ends the session, as on Discord; anything else may resume.
      if (status == 1000 || status == 1001) {
        sessions.remove(session.id);
      }
    }
    connection.released();
  }

  /**
   * The characters every session keeps for a resume: up to 10,000 dispatches each, like Discord's
   * own buffer. Benchmarks subtract this from the heap they measure: it is the simulator's, not the
   * bot's.
   */
  public long replayChars() {
    return sessions.values().stream().mapToLong(GatewaySession::replayChars).sum();
  }

  private void onFrame(WsContext ctx, String text) {
    GatewayConnection connection = connections.get(ctx.sessionId());
    if (connection == null || connection.stalled) {
      return;
    }
    if (!connection.commands.count(System.nanoTime())) {
      connection.close(4008, "Rate limited.");
      return;
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      connection.close(4002, "Error while decoding payload.");
      return;
    }
    JsonNode frame;
    try {
      frame = Json.parse(text);
    } catch (IllegalArgumentException e) {
      connection.close(4002, "Error while decoding payload.");
      return;
    }
    int op = frame.path("op").asInt(-1);
    JsonNode data = frame.path("d");
    switch (op) {
      case 1 -> {
        connection.lastHeartbeatNanos = System.nanoTime();
        heartbeatsReceived.incrementAndGet();
        connection.send(control(11, null));
      }
      case 2 -> identify(connection, data);
      case 6 -> resume(connection, data);
      case 8 -> requestMembers(connection, data);
      case 3 -> {
        // Presence updates change nothing the simulator models, but like every payload but
        // heartbeats, IDENTIFY and RESUME they need an identified session.
        if (connection.session == null) {
          connection.close(4003, "Not authenticated.");
        }
      }
      case 4 -> updateVoiceState(connection, data);
      default -> connection.close(4001, "Unknown opcode.");
    }
  }

  private void identify(GatewayConnection connection, JsonNode data) {
    if (connection.session != null) {
      connection.close(4005, "Already authenticated.");
      return;
    }
    SimBot bot = state.botsByToken.get(stripBot(data.path("token").asText()));
    if (bot == null) {
      connection.close(4004, "Authentication failed.");
      return;
    }
    int intents = data.path("intents").asInt(-1);
    if (intents < 0 || (intents & ~Intents.ALL_KNOWN) != 0) {
      connection.close(4013, "Invalid intent(s).");
      return;
    }
    if (PrivilegedIntent.disallowed(intents, bot.privilegedIntents()) != 0) {
      // A privileged intent the application's portal switch does not allow.
      connection.close(4014, "Disallowed intent(s).");
      return;
    }
    int largeThreshold =
        Math.max(
            MIN_LARGE_THRESHOLD,
            Math.min(MAX_LARGE_THRESHOLD, data.path("large_threshold").asInt(MIN_LARGE_THRESHOLD)));
    JsonNode shard = data.path("shard");
    int shardId = shard.isArray() ? shard.path(0).asInt(0) : 0;
    int shardCount = shard.isArray() ? shard.path(1).asInt(1) : 1;
    if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
      connection.close(4010, "Invalid shard.");
      return;
    }
    // Discord forgets sessions nobody resumed within minutes; so does the simulator.
    sessions.values().removeIf(s -> s.abandonedFor(RESUME_WINDOW.toMillis()));
    String sessionId = newSessionId();
    GatewaySession session =
        new GatewaySession(
            sessionId, bot, intents, shardId, shardCount, largeThreshold, dispatches);
    long served =
        state.guilds.values().stream()
            .filter(g -> g.members.containsKey(bot.user.id) && session.servesGuild(g.id))
            .count();
    if (served > MAX_GUILDS_PER_SESSION) {
      connection.close(4011, "Sharding required.");
      return;
    }
    switch (startLimits.admit(bot.applicationId(), shardId)) {
      case TOO_SOON -> {
        connection.send("{\"op\":9,\"d\":false}");
        return;
      }
      case EXHAUSTED -> {
        resetToken(bot);
        connection.close(4004, "Authentication failed.");
        return;
      }
      case ACCEPTED -> sessionsStarted.incrementAndGet(); // a session start is spent
    }
    state.write(
        () -> {
          sessions.put(sessionId, session);
          session.attach(connection);
          List<SimGuild> guilds =
              state.guilds.values().stream()
                  .filter(g -> g.members.containsKey(bot.user.id) && session.servesGuild(g.id))
                  .toList();
          session.dispatch("READY", ready(session, guilds));
          for (SimGuild guild : guilds) {
            session.dispatch("GUILD_CREATE", events.guildCreate(guild, session));
          }
        });
  }

  /**
   * What Discord does when an application runs out of session starts: every session of it ends and
   * its token is reset, so the old token fails on the gateway (4004) and REST (401). The new token
   * is in {@link SimBot#token}, where Discord would email it to the owner.
   */
  private void resetToken(SimBot bot) {
    state.write(
        () -> {
          state.botsByToken.remove(bot.token);
          bot.token = SimBot.newToken(bot.user.id);
          state.botsByToken.put(bot.token, bot);
          sessions.values().removeIf(s -> s.bot == bot);
        });
    for (GatewayConnection connection : connections.values()) {
      GatewaySession session = connection.session;
      if (session != null && session.bot == bot) {
        connection.close(4004, "Authentication failed.");
      }
    }
  }

  private ObjectNode ready(GatewaySession session, List<SimGuild> guilds) {
    ObjectNode ready = Json.object();
    ready.put("v", 10);
    ready.set("user", Payloads.selfUser(session.bot.user));
    ArrayNode unavailable = ready.putArray("guilds");
    guilds.forEach(
        g -> unavailable.addObject().put("id", Long.toString(g.id)).put("unavailable", true));
    ready.put("session_id", session.id);
    ready.put("session_type", "normal");
    ready.put("resume_gateway_url", resumeUrl.get());
    ready.putArray("shard").add(session.shardId).add(session.shardCount);
    ready
        .putObject("application")
        .put("id", Long.toString(session.bot.applicationId()))
        .put("flags", session.bot.applicationFlags());
    ready.putArray("private_channels");
    ready.putArray("relationships");
    ready.putArray("presences");
    ready.putArray("guild_join_requests");
    ready.putArray("geo_ordered_rtc_regions");
    ready.putObject("user_settings");
    ready.putArray("_trace").add("discord-sim");
    return ready;
  }

  private void resume(GatewayConnection connection, JsonNode data) {
    GatewaySession session = sessions.get(data.path("session_id").asText());
    SimBot bot = state.botsByToken.get(stripBot(data.path("token").asText()));
    if (session == null || bot == null || session.bot != bot) {
      connection.send(control(9, BooleanNode.FALSE));
      return;
    }
    state.write(
        () -> {
          GatewayConnection previous = session.connection();
          if (previous != null && previous != connection) {
            previous.drop();
          }
          if (!session.resume(connection, data.path("seq").asInt(0))) {
            sessions.remove(session.id);
            connection.send(control(9, BooleanNode.FALSE));
            return;
          }
          ObjectNode resumed = Json.object();
          resumed.putArray("_trace").add("discord-sim");
          session.dispatch("RESUMED", resumed);
        });
  }

  /**
   * op 4: Update Voice State. JDA sends the ids as JSON numbers when joining and as strings when
   * leaving; both are snowflakes to Discord. A payload without a readable guild id cannot be
   * decoded (4002); the rest is the world's to answer ({@link VoiceRequests}).
   */
  private void updateVoiceState(GatewayConnection connection, JsonNode data) {
    GatewaySession session = connection.session;
    if (session == null) {
      connection.close(4003, "Not authenticated.");
      return;
    }
    Long guildId = snowflake(data.path("guild_id"));
    JsonNode channel = data.path("channel_id");
    Long channelId = channel.isNull() || channel.isMissingNode() ? null : snowflake(channel);
    if (guildId == null || (channelId == null && !channel.isNull() && !channel.isMissingNode())) {
      connection.close(4002, "Error while decoding payload.");
      return;
    }
    voiceRequests.request(
        session.bot.user.id,
        session.id,
        guildId,
        channelId,
        data.path("self_mute").asBoolean(false),
        data.path("self_deaf").asBoolean(false));
  }

  /** A snowflake as a JSON string or number, or null when it is neither. */
  private static Long snowflake(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isTextual()) {
      try {
        return Long.parseUnsignedLong(node.asText());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** op 8: Request Guild Members, with Discord's limits ({@link MemberRequests}). */
  private void requestMembers(GatewayConnection connection, JsonNode data) {
    GatewaySession session = connection.session;
    if (session == null) {
      connection.close(4003, "Not authenticated.");
      return;
    }
    state.write(() -> memberRequests.answer(session, data));
  }

  private static String newSessionId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String stripBot(String token) {
    return token.startsWith("Bot ") ? token.substring(4) : token;
  }

  /** Whether a user has a connected gateway session: the simulator's only notion of online. */
  private boolean isOnline(long userId) {
    return sessions.values().stream().anyMatch(s -> s.bot.user.id == userId && s.connected());
  }

  /** Called under the state lock: render for each session and enqueue. */
  private void onWorldEvent(SimEvent event) {
    for (GatewaySession session : sessions.values()) {
      GatewayEvents.Dispatch dispatch = events.render(event, session);
      if (dispatch != null) {
        session.dispatch(dispatch.type(), dispatch.data());
      }
    }
  }

  // ---- faults and introspection ----

  /** Connected sessions, for tests: bot user id and shard of each. */
  public List<String> describeSessions() {
    return sessions.values().stream()
        .map(
            s ->
                s.bot.user.username
                    + " shard "
                    + s.shardId
                    + "/"
                    + s.shardCount
                    + (s.connection() == null ? " (disconnected)" : ""))
        .toList();
  }

  public int connectionCount() {
    return connections.size();
  }

  /**
   * Sessions started (IDENTIFYs accepted, each spending a session start; RESUMEs are not counted)
   * since the simulator started, of every bot.
   */
  public long sessionsStarted() {
    return sessionsStarted.get();
  }

  /** Dispatches (op 0 events) sent, or buffered for a resume, since the simulator started. */
  public long dispatches() {
    return dispatches.get();
  }

  /** Heartbeats (op 1) received from clients since the simulator started. */
  public long heartbeatsReceived() {
    return heartbeatsReceived.get();
  }

  /**
   * Sends op 1 to every connection, as Discord may: the client must heartbeat at once. The
   * simulator never asks on its own; a test or the {@code gateway_heartbeat_request} fault does.
   */
  public int requestHeartbeats() {
    List<GatewayConnection> all = List.copyOf(connections.values());
    all.forEach(c -> c.send("{\"op\":1,\"d\":null}"));
    return all.size();
  }

  /** Drops every connection without a close frame; sessions stay resumable. */
  public int dropConnections() {
    List<GatewayConnection> all = List.copyOf(connections.values());
    all.forEach(GatewayConnection::drop);
    return all.size();
  }

  /** Stops answering heartbeats and sending on current connections, so clients see a zombie. */
  public int stallConnections() {
    List<GatewayConnection> all = List.copyOf(connections.values());
    all.forEach(c -> c.stalled = true);
    return all.size();
  }

  /** Sends op 7 RECONNECT: the client should reconnect and resume. */
  public int requestReconnect() {
    List<GatewayConnection> all = List.copyOf(connections.values());
    all.forEach(c -> c.send(control(7, null)));
    return all.size();
  }

  /** Sends op 9 INVALID_SESSION; when not resumable the sessions are forgotten. */
  public int invalidateSessions(boolean resumable) {
    List<GatewayConnection> all = List.copyOf(connections.values());
    for (GatewayConnection connection : all) {
      if (!resumable && connection.session != null) {
        sessions.remove(connection.session.id);
      }
      connection.send(control(9, BooleanNode.valueOf(resumable)));
    }
    return all.size();
  }

  /**
   * While on, every new connection is closed at once (1001), as when Discord's gateway cannot be
   * reached: with {@link #stallConnections} it keeps clients away long enough to watch them
   * reconnect with backoff. Connections already open are untouched.
   */
  public void outage(boolean on) {
    outage = on;
  }

  /** Ends the stall of the connections still open (new connections are never stalled). */
  public void clearStalls() {
    connections.values().forEach(c -> c.stalled = false);
  }

  public void closeAll() {
    liveness.shutdownNow();
    connections.values().forEach(c -> c.close(1001, "discord-sim stopping"));
  }
}
