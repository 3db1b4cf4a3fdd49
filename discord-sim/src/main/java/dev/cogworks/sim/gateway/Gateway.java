package dev.cogworks.sim.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.json.Payloads;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.sim.state.SimState;
import io.javalin.Javalin;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway WebSocket at {@code /gateway}: HELLO, IDENTIFY (accepted before or after HELLO, as
 * JDA sends it early), READY and GUILD_CREATE per guild of the shard, heartbeats, RESUME with
 * replay, member chunk requests, and every world event dispatched to the sessions that should hear
 * it. Gateway faults (drop, stall, reconnect, invalid session) act on live connections.
 */
public final class Gateway {
  public static final String PATH = "/gateway";

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration RESUME_WINDOW = Duration.ofMinutes(5);

  private final SimState state;
  private final GatewayEvents events;
  private final Duration heartbeatInterval;
  private final Supplier<String> resumeUrl;
  private final Map<String, GatewayConnection> connections = new ConcurrentHashMap<>();
  private final Map<String, GatewaySession> sessions = new ConcurrentHashMap<>();

  public Gateway(SimState state, Duration heartbeatInterval, Supplier<String> resumeUrl) {
    this.state = state;
    this.events = new GatewayEvents(state);
    this.heartbeatInterval = heartbeatInterval;
    this.resumeUrl = resumeUrl;
    state.addListener(this::onWorldEvent);
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

  public void register(Javalin app) {
    app.ws(PATH, this::configure);
  }

  private void configure(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          boolean zlib = "zlib-stream".equals(ctx.queryParam("compress"));
          GatewayConnection connection = new GatewayConnection(ctx, zlib);
          connections.put(ctx.sessionId(), connection);
          ObjectNode data = Json.object().put("heartbeat_interval", heartbeatInterval.toMillis());
          data.putArray("_trace").add("discord-sim");
          connection.send(control(10, data));
        });
    ws.onMessage(ctx -> onFrame(ctx, ctx.message()));
    ws.onBinaryMessage(
        ctx -> onFrame(ctx, new String(ctx.data(), java.nio.charset.StandardCharsets.UTF_8)));
    ws.onClose(ctx -> closed(ctx, ctx.status()));
    ws.onError(ctx -> log.debug("gateway connection {} failed: {}", ctx.sessionId(), ctx.error()));
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

  private void onFrame(WsContext ctx, String text) {
    GatewayConnection connection = connections.get(ctx.sessionId());
    if (connection == null || connection.stalled) {
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
      case 1 -> connection.send(control(11, null));
      case 2 -> identify(connection, data);
      case 6 -> resume(connection, data);
      case 8 -> requestMembers(connection, data);
      case 3, 4 -> {
        // Presence and voice state updates change nothing the simulator models.
      }
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
    GatewaySession session = new GatewaySession(sessionId, bot, intents, shardId, shardCount);
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
        .put("flags", 0);
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

  /** op 8: every member of the guild (or those asked for), in one chunk. */
  private void requestMembers(GatewayConnection connection, JsonNode data) {
    GatewaySession session = connection.session;
    if (session == null) {
      connection.close(4003, "Not authenticated.");
      return;
    }
    JsonNode guildIds = data.path("guild_id");
    List<JsonNode> ids = guildIds.isArray() ? List.copyOf(toList(guildIds)) : List.of(guildIds);
    state.write(
        () -> {
          for (JsonNode id : ids) {
            SimGuild guild = state.guilds.get(Long.parseUnsignedLong(id.asText()));
            if (guild == null || !guild.members.containsKey(session.bot.user.id)) {
              continue;
            }
            ObjectNode chunk = Json.object();
            chunk.put("guild_id", Long.toString(guild.id));
            ArrayNode members = chunk.putArray("members");
            String query = data.path("query").asText("").toLowerCase();
            int limit = data.path("limit").asInt(0);
            JsonNode userIds = data.path("user_ids");
            guild.members.values().stream()
                .filter(m -> m.user.username.toLowerCase().startsWith(query))
                .filter(m -> !userIds.isArray() || contains(userIds, m.user.id))
                .limit(limit <= 0 ? Long.MAX_VALUE : limit)
                .forEach(m -> members.add(Payloads.member(m)));
            chunk.put("chunk_index", 0);
            chunk.put("chunk_count", 1);
            chunk.putArray("not_found");
            if (data.has("nonce")) {
              chunk.put("nonce", data.get("nonce").asText());
            }
            session.dispatch("GUILD_MEMBERS_CHUNK", chunk);
          }
        });
  }

  private static List<JsonNode> toList(JsonNode array) {
    java.util.ArrayList<JsonNode> list = new java.util.ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  private static boolean contains(JsonNode ids, long id) {
    for (JsonNode node : ids) {
      if (node.asText().equals(Long.toString(id))) {
        return true;
      }
    }
    return false;
  }

  private static String newSessionId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String stripBot(String token) {
    return token.startsWith("Bot ") ? token.substring(4) : token;
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

  /** Ends the stall of the connections still open (new connections are never stalled). */
  public void clearStalls() {
    connections.values().forEach(c -> c.stalled = false);
  }

  public void closeAll() {
    connections.values().forEach(c -> c.close(1001, "discord-sim stopping"));
  }
}
