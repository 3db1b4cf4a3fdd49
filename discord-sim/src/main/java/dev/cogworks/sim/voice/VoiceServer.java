package dev.cogworks.sim.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The simulator's voice server: a voice gateway (WebSocket over TLS, its own port, as Discord's
 * voice servers are their own hosts) and a UDP socket for the media. The world hands it a {@link
 * VoiceTicket} per VOICE_SERVER_UPDATE; it admits the client that presents one, and measures what
 * that client sends ({@link #stats}).
 */
public final class VoiceServer implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int RECENT_STREAMS_PER_GUILD = 16;
  private static final int RECORDED_FRAMES = 500;

  /** How long past its interval a silent voice connection lives before 4009. */
  private static final Duration HEARTBEAT_SLACK = Duration.ofSeconds(5);

  /** How long a session without a connection may still be resumed (Discord does not say). */
  private static final Duration RESUME_WINDOW = Duration.ofMinutes(1);

  private final String host;
  private final VoiceTls tls;
  private final VoiceSettings settings = new VoiceSettings();
  private final Javalin app;
  private final ServerConnector connector;
  private final VoiceUdp udp;
  private final ScheduledExecutorService liveness;
  private final BiFunction<Long, Long, List<Long>> channelMembers;
  private final AtomicInteger nextSsrc = new AtomicInteger(1);

  final Map<String, VoiceConnection> connections = new ConcurrentHashMap<>();
  final Map<String, VoiceTicket> tickets = new ConcurrentHashMap<>();
  final Map<String, VoiceSession> sessionsByToken = new ConcurrentHashMap<>();
  private final Map<Integer, VoiceSession> sessionsBySsrc = new ConcurrentHashMap<>();
  private final Map<Long, Deque<VoiceStream>> streams = new ConcurrentHashMap<>();
  private final Map<Long, Set<Consumer<short[]>>> listeners = new ConcurrentHashMap<>();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

  /**
   * Starts on {@code host} (loopback); {@code channelMembers} answers who else is in a voice
   * channel (guild id, channel id → user ids) for CLIENTS_CONNECT.
   */
  public static VoiceServer start(String host, BiFunction<Long, Long, List<Long>> channelMembers) {
    return new VoiceServer(host, VoiceTls.generate(), channelMembers);
  }

  private VoiceServer(
      String host, VoiceTls tls, BiFunction<Long, Long, List<Long>> channelMembers) {
    this.host = host;
    this.tls = tls;
    this.channelMembers = channelMembers;
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(tls.serverContext());
    ServerConnector[] made = new ServerConnector[1];
    VoiceGateway gateway = new VoiceGateway(this);
    app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jetty.addConnector(
                  (server, http) -> {
                    ServerConnector tlsConnector = new ServerConnector(server, ssl);
                    tlsConnector.setHost(host);
                    tlsConnector.setPort(0);
                    made[0] = tlsConnector;
                    return tlsConnector;
                  });
              config.jetty.modifyWebSocketServletFactory(
                  factory -> factory.setIdleTimeout(Duration.ofMinutes(10)));
            });
    app.ws("/", gateway::configure);
    app.start(host, 0);
    connector = made[0];
    try {
      udp = new VoiceUdp(InetAddress.getByName(host), sessionsBySsrc::get, new PcmSink());
    } catch (UnknownHostException e) {
      app.stop();
      throw new IllegalStateException(e);
    }
    liveness =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "discord-sim-voice-liveness");
              thread.setDaemon(true);
              return thread;
            });
    liveness.scheduleAtFixedRate(this::closeSilentConnections, 250, 250, TimeUnit.MILLISECONDS);
  }

  public VoiceSettings settings() {
    return settings;
  }

  /**
   * VOICE_SERVER_UPDATE's {@code endpoint}: Discord's {@code host:port} form. The host is {@code
   * localhost}, not an IP address: JDA parses the endpoint as a URI, where a leading digit is a
   * syntax error.
   */
  public String endpoint() {
    return "localhost:" + gatewayPort();
  }

  public int gatewayPort() {
    return connector.getLocalPort();
  }

  /** A client SSL context that trusts this voice gateway; see {@link VoiceTls#clientContext}. */
  public SSLContext clientSslContext() {
    return tls.clientContext();
  }

  /** The voice gateway's certificate in PEM, for a client in another process to trust. */
  public String certificatePem() {
    return tls.certificatePem();
  }

  String udpHost() {
    return host;
  }

  int udpPort() {
    return udp.port();
  }

  // ---- what the world asks ----

  /**
   * A ticket for one VOICE_SERVER_UPDATE. It replaces the user's earlier ticket in the guild: the
   * earlier session can no longer resume (its client closes it itself when it sees the update).
   */
  public String issue(long guildId, long userId, long channelId, boolean stage, String sessionId) {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    revoke(guildId, userId);
    tickets.put(token, new VoiceTicket(guildId, userId, channelId, stage, sessionId, token));
    return token;
  }

  /** The user left voice: no ticket or session of theirs in the guild stays valid. */
  public void revoke(long guildId, long userId) {
    tickets.values().removeIf(t -> t.guildId() == guildId && t.userId() == userId);
    for (VoiceSession session : sessionsByToken.values()) {
      if (session.ticket.guildId() == guildId && session.ticket.userId() == userId) {
        session.end();
      }
    }
  }

  /**
   * Ends the user's voice sessions in the guild and closes their connections with {@code code}:
   * 4014 when they were disconnected (kicked from voice), 4022 when the channel went away.
   */
  public int disconnect(long guildId, long userId, int code, String reason) {
    revoke(guildId, userId);
    int closed = 0;
    for (VoiceSession session : sessionsByToken.values()) {
      VoiceConnection connection = session.connection();
      if (session.ticket.guildId() == guildId
          && session.ticket.userId() == userId
          && connection != null) {
        closed += close(connection, code, reason) ? 1 : 0;
      }
    }
    return closed;
  }

  /**
   * The voice server "crashes" under the user's connections: they drop without a close frame, and
   * clients RESUME (JDA resumes after a dropped connection, but treats a 4015 close as final). With
   * {@code forgetSessions} the server also loses their sessions, so the resume fails with 4006 and
   * the client must join again.
   */
  public int crash(long guildId, long userId, boolean forgetSessions) {
    int dropped = 0;
    for (VoiceSession session : List.copyOf(sessionsByToken.values())) {
      if (session.ticket.guildId() != guildId || session.ticket.userId() != userId) {
        continue;
      }
      if (forgetSessions) {
        sessionsByToken.remove(session.ticket.token());
        session.end();
      }
      VoiceConnection connection = session.connection();
      if (connection != null) {
        dropped += connection.drop() ? 1 : 0;
      }
    }
    return dropped;
  }

  /**
   * Closes the user's voice connections with any voice close code (4015 "voice server crashed",
   * 4021 rate limited...), leaving their sessions as they are: what the client makes of the code is
   * what a test watches.
   */
  public int closeWith(long guildId, long userId, int code, String reason) {
    int closed = 0;
    for (VoiceSession session : sessionsByToken.values()) {
      VoiceConnection connection = session.connection();
      if (session.ticket.guildId() == guildId
          && session.ticket.userId() == userId
          && connection != null) {
        closed += close(connection, code, reason) ? 1 : 0;
      }
    }
    return closed;
  }

  /** Another user joined or left the channel: CLIENTS_CONNECT (11) or CLIENT_DISCONNECT (13). */
  public void channelMembershipChanged(long guildId, long channelId, long userId, boolean joined) {
    for (VoiceSession session : sessionsByToken.values()) {
      VoiceTicket ticket = session.ticket;
      if (session.ended()
          || ticket.guildId() != guildId
          || ticket.channelId() != channelId
          || ticket.userId() == userId) {
        continue;
      }
      ObjectNode data = Json.object();
      if (joined) {
        data.putArray("user_ids").add(Long.toString(userId));
        session.sendNumbered(11, data);
      } else {
        data.put("user_id", Long.toString(userId));
        session.sendNumbered(13, data);
      }
    }
  }

  // ---- what tests and the control API read ----

  /** Every voice connection of the guild the server remembers, newest first. */
  public List<VoiceStats> stats(long guildId) {
    Deque<VoiceStream> recent = streams.get(guildId);
    if (recent == null) {
      return List.of();
    }
    synchronized (recent) {
      return recent.stream().map(VoiceStream::stats).toList();
    }
  }

  /** The newest voice connection of {@code userId} in the guild. */
  public Optional<VoiceStats> latest(long guildId, long userId) {
    return stats(guildId).stream().filter(s -> s.userId() == userId).findFirst();
  }

  /** Guilds with voice connections the server remembers. */
  public Set<Long> guilds() {
    return Set.copyOf(streams.keySet());
  }

  /** The last frames clients sent on voice gateways, oldest first (ops and payloads). */
  public List<JsonNode> received() {
    return List.copyOf(received);
  }

  /** Close codes the voice gateway sent, oldest first. */
  public List<Integer> closeCodesSent() {
    return List.copyOf(closeCodes);
  }

  public ObjectNode udpCounters() {
    return Json.object()
        .put("discoveries", udp.discoveries.get())
        .put("keep_alives", udp.keepAlives.get())
        .put("ignored", udp.ignored.get())
        .put("unknown_ssrc", udp.unknownSsrc.get());
  }

  /**
   * Hears the decoded audio of every voice connection in the guild: interleaved stereo 16-bit PCM
   * at 48 kHz, 20 ms per call, on the UDP thread (so {@code listener} must only enqueue). Close the
   * result to stop.
   */
  public AutoCloseable listen(long guildId, Consumer<short[]> listener) {
    listeners.computeIfAbsent(guildId, g -> new CopyOnWriteArraySet<>()).add(listener);
    return () -> listeners.getOrDefault(guildId, Set.of()).remove(listener);
  }

  // ---- for the gateway protocol ----

  VoiceSession newSession(VoiceTicket ticket) {
    int ssrc = nextSsrc.getAndIncrement();
    VoiceSession previous = sessionsByToken.get(ticket.token());
    if (previous != null) {
      previous.end();
    }
    VoiceSession session = new VoiceSession(ticket, ssrc, 0, settings.modes());
    sessionsByToken.put(ticket.token(), session);
    sessionsBySsrc.put(ssrc, session);
    return session;
  }

  void newStream(VoiceSession session, String mode) {
    VoiceTicket ticket = session.ticket;
    VoiceStream stream =
        new VoiceStream(
            ticket.guildId(),
            ticket.userId(),
            ticket.channelId(),
            session.ssrc,
            mode,
            session.daveProtocolVersion);
    stream.speaking(session.speaking());
    VoiceStream old = session.stream;
    if (old != null) {
      old.disconnected();
    }
    session.stream = stream;
    Deque<VoiceStream> recent = streams.computeIfAbsent(ticket.guildId(), g -> new ArrayDeque<>());
    synchronized (recent) {
      recent.addFirst(stream);
      while (recent.size() > RECENT_STREAMS_PER_GUILD) {
        recent.removeLast();
      }
    }
  }

  List<Long> othersInChannel(VoiceTicket ticket) {
    List<Long> members =
        new ArrayList<>(channelMembers.apply(ticket.guildId(), ticket.channelId()));
    members.remove(ticket.userId());
    return members;
  }

  void relaySpeaking(VoiceSession speaker, int mode) {
    for (VoiceSession session : sessionsByToken.values()) {
      if (session != speaker
          && !session.ended()
          && session.ticket.guildId() == speaker.ticket.guildId()
          && session.ticket.channelId() == speaker.ticket.channelId()) {
        session.sendNumbered(
            5,
            Json.object()
                .put("user_id", Long.toString(speaker.ticket.userId()))
                .put("ssrc", speaker.ssrc)
                .put("speaking", mode));
      }
    }
  }

  void record(JsonNode frame) {
    received.add(frame);
    if (received.size() > RECORDED_FRAMES) {
      received.remove(0);
    }
  }

  boolean close(VoiceConnection connection, int code, String reason) {
    if (!connection.close(code, reason)) {
      return false;
    }
    closeCodes.add(code);
    return true;
  }

  /** A voice WebSocket closed, by either side. */
  void closed(String connectionId, int status) {
    VoiceConnection connection = connections.remove(connectionId);
    if (connection == null) {
      return;
    }
    connection.markClosed();
    VoiceSession session = connection.session;
    if (session != null) {
      session.detach(connection);
      // A client's normal close ends the session; anything else may resume.
      if (status == 1000) {
        session.end();
      }
    }
  }

  private void closeSilentConnections() {
    long limit = settings.heartbeatInterval().plus(HEARTBEAT_SLACK).toNanos();
    long now = System.nanoTime();
    for (VoiceConnection connection : connections.values()) {
      if (!connection.closed() && now - connection.lastHeartbeatNanos > limit) {
        close(connection, 4009, "Session timeout");
      }
    }
    // Sessions nobody can or will resume are forgotten; their stats stay in `streams`.
    for (VoiceSession session : sessionsByToken.values()) {
      if (session.abandonedFor(RESUME_WINDOW.toNanos())) {
        session.end();
      }
      if (session.ended() && session.connection() == null) {
        sessionsByToken.remove(session.ticket.token(), session);
        sessionsBySsrc.remove(session.ssrc, session);
      }
    }
  }

  /** Decodes sampled frames, and every frame of a guild someone listens to. */
  private final class PcmSink implements VoiceUdp.Sink {
    @Override
    public boolean wantsPcm(VoiceSession session, long packetIndex) {
      Set<Consumer<short[]>> guildListeners = listeners.get(session.ticket.guildId());
      if (guildListeners != null && !guildListeners.isEmpty()) {
        return true;
      }
      int oneIn = settings.decodeOneIn();
      return oneIn > 0 && packetIndex % oneIn == 0;
    }

    @Override
    public void pcm(VoiceSession session, short[] frame) {
      Set<Consumer<short[]>> guildListeners = listeners.get(session.ticket.guildId());
      if (guildListeners != null) {
        guildListeners.forEach(l -> l.accept(frame));
      }
    }
  }

  @Override
  public void close() {
    liveness.shutdownNow();
    connections.values().forEach(c -> c.close(1001, "discord-sim stopping"));
    udp.close();
    app.stop();
  }
}
