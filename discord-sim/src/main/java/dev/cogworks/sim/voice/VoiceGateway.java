package dev.cogworks.sim.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The voice WebSocket protocol, version 8: HELLO on connect; IDENTIFY → READY (ssrc, ip, port,
 * modes) and CLIENTS_CONNECT; SELECT_PROTOCOL → SESSION_DESCRIPTION (mode, secret_key,
 * dave_protocol_version 0); heartbeats answered with their {@code t}; SPEAKING recorded and
 * relayed; RESUME → RESUMED with the numbered messages after {@code seq_ack}. Mistakes close with
 * Discord's voice close codes (4001 to 4017).
 */
final class VoiceGateway {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final VoiceServer server;

  VoiceGateway(VoiceServer server) {
    this.server = server;
  }

  void configure(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          VoiceConnection connection = new VoiceConnection(ctx);
          server.connections.put(ctx.sessionId(), connection);
          int version = parseVersion(ctx.queryParam("v"));
          if (version < 4) {
            // Discord rejects connections without a version, or below 4, since November 2024.
            server.close(connection, 4020, "Bad request");
            return;
          }
          ObjectNode hello =
              Json.object()
                  .put("heartbeat_interval", server.settings().heartbeatInterval().toMillis());
          connection.send(frame(8, hello));
        });
    ws.onMessage(ctx -> onText(ctx, ctx.message()));
    ws.onBinaryMessage(ctx -> onBinary(ctx));
    ws.onClose(ctx -> server.closed(ctx.sessionId(), ctx.status()));
    ws.onError(ctx -> server.closed(ctx.sessionId(), 1006));
  }

  private static int parseVersion(String v) {
    try {
      return v == null ? 0 : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String frame(int op, JsonNode data) {
    ObjectNode frame = Json.object().put("op", op);
    frame.set("d", data == null ? Json.MAPPER.nullNode() : data);
    return Json.write(frame);
  }

  /** DAVE's binary opcodes (26, 28) only matter once DAVE is negotiated, which it never is. */
  private void onBinary(WsContext ctx) {
    VoiceConnection connection = server.connections.get(ctx.sessionId());
    if (connection != null && connection.session == null) {
      server.close(connection, 4003, "Not authenticated");
    }
  }

  private void onText(WsContext ctx, String text) {
    VoiceConnection connection = server.connections.get(ctx.sessionId());
    if (connection == null || connection.closed()) {
      return;
    }
    JsonNode frame;
    try {
      frame = Json.parse(text);
    } catch (IllegalArgumentException e) {
      server.close(connection, 4002, "Failed to decode payload");
      return;
    }
    int op = frame.path("op").asInt(-1);
    JsonNode data = frame.path("d");
    server.record(frame);
    switch (op) {
      case 0 -> identify(connection, data);
      case 3 -> heartbeat(connection, data);
      case 7 -> resume(connection, data);
      case 1, 5, 23, 31 -> {
        if (connection.session == null) {
          server.close(connection, 4003, "Not authenticated");
        } else if (op == 1) {
          selectProtocol(connection, data);
        } else if (op == 5) {
          speaking(connection, data);
        }
        // 23 and 31 answer DAVE transitions, which never happen at version 0.
      }
      default -> server.close(connection, 4001, "Unknown opcode");
    }
  }

  private void heartbeat(VoiceConnection connection, JsonNode data) {
    connection.lastHeartbeatNanos = System.nanoTime();
    // v8 sends {t, seq_ack}; older versions a bare nonce. The ACK echoes what was sent.
    JsonNode nonce = data.isObject() ? data.path("t") : data;
    ObjectNode ack = Json.object();
    ack.set("t", nonce);
    connection.send(frame(6, ack));
  }

  private void identify(VoiceConnection connection, JsonNode data) {
    if (connection.session != null) {
      server.close(connection, 4005, "Already authenticated");
      return;
    }
    VoiceTicket ticket = server.tickets.get(data.path("token").asText());
    if (ticket == null
        || !Long.toString(ticket.guildId()).equals(data.path("server_id").asText())
        || !Long.toString(ticket.userId()).equals(data.path("user_id").asText())
        || !ticket.sessionId().equals(data.path("session_id").asText())) {
      server.close(connection, 4004, "Authentication failed");
      return;
    }
    int maxDave = data.path("max_dave_protocol_version").asInt(0);
    if (maxDave == 0 && server.settings().requireDave() && !ticket.stage()) {
      server.close(connection, 4017, "E2EE/DAVE protocol required");
      return;
    }
    VoiceSession session = server.newSession(ticket);
    session.attach(connection);
    ObjectNode ready = Json.object();
    ready.put("ssrc", session.ssrc);
    ready.put("ip", server.udpHost());
    ready.put("port", server.udpPort());
    ArrayNode modes = ready.putArray("modes");
    session.offeredModes.forEach(modes::add);
    connection.send(frame(2, ready));
    List<Long> others = server.othersInChannel(ticket);
    if (!others.isEmpty()) {
      ObjectNode connect = Json.object();
      ArrayNode ids = connect.putArray("user_ids");
      others.forEach(id -> ids.add(Long.toString(id)));
      session.sendNumbered(11, connect);
    }
  }

  private void selectProtocol(VoiceConnection connection, JsonNode data) {
    VoiceSession session = connection.session;
    if (!"udp".equals(data.path("protocol").asText())) {
      server.close(connection, 4012, "Unknown protocol");
      return;
    }
    String mode = data.path("data").path("mode").asText();
    TransportCipher cipher = TransportCipher.forMode(mode);
    if (cipher == null || !session.offeredModes.contains(mode)) {
      server.close(connection, 4016, "Unknown encryption mode");
      return;
    }
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    session.secretKey = key;
    session.cipher = cipher;
    server.newStream(session, mode);
    ObjectNode description = Json.object();
    description.put("audio_codec", "opus");
    description.put("video_codec", "H264");
    description.put("media_session_id", HexFormat.of().formatHex(randomBytes(16)));
    description.put("mode", mode);
    ArrayNode secret = description.putArray("secret_key");
    for (byte b : key) {
      secret.add(b & 0xFF);
    }
    description.put("dave_protocol_version", session.daveProtocolVersion);
    connection.send(frame(4, description));
  }

  private void speaking(VoiceConnection connection, JsonNode data) {
    VoiceSession session = connection.session;
    int mode = data.path("speaking").asInt(0);
    session.speaking(mode);
    server.relaySpeaking(session, mode);
  }

  private void resume(VoiceConnection connection, JsonNode data) {
    VoiceSession session = server.sessionsByToken.get(data.path("token").asText());
    boolean valid =
        session != null
            && !session.ended()
            && Long.toString(session.ticket.guildId()).equals(data.path("server_id").asText())
            && session.ticket.sessionId().equals(data.path("session_id").asText());
    if (!valid) {
      server.close(connection, 4006, "Session no longer valid");
      return;
    }
    VoiceConnection previous = session.connection();
    if (previous != null && previous != connection) {
      server.close(previous, 4006, "Session no longer valid");
    }
    session.attach(connection);
    connection.send(frame(9, null));
    if (!session.replayAfter(data.path("seq_ack").asLong(0), connection)) {
      server.close(connection, 4006, "Session no longer valid");
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
