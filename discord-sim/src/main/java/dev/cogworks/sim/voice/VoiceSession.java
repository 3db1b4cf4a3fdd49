package dev.cogworks.sim.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One identified voice session: a ticket made good, its SSRC, and once SELECT_PROTOCOL is done its
 * key and cipher. It outlives its WebSocket so the client can RESUME; v8's numbered server messages
 * are kept and re-sent after the {@code seq_ack} the client names.
 */
final class VoiceSession {
  private static final int REPLAY_LIMIT = 256;

  final VoiceTicket ticket;
  final int ssrc;
  final int daveProtocolVersion;

  /** The modes READY offered this session (the settings when it identified). */
  final List<String> offeredModes;

  private volatile int speaking;
  private final ArrayDeque<Numbered> replay = new ArrayDeque<>();
  private int sequence;
  private VoiceConnection connection;
  private volatile boolean ended;
  private long detachedAtNanos = System.nanoTime();
  volatile TransportCipher cipher;
  volatile byte[] secretKey;
  volatile VoiceStream stream;

  private record Numbered(int seq, String json) {}

  VoiceSession(VoiceTicket ticket, int ssrc, int daveProtocolVersion, List<String> offeredModes) {
    this.ticket = ticket;
    this.ssrc = ssrc;
    this.daveProtocolVersion = daveProtocolVersion;
    this.offeredModes = offeredModes;
  }

  /** SPEAKING from the client; it may come before SELECT_PROTOCOL, so it is kept here too. */
  void speaking(int mode) {
    speaking = mode;
    VoiceStream current = stream;
    if (current != null) {
      current.speaking(mode);
    }
  }

  int speaking() {
    return speaking;
  }

  synchronized void attach(VoiceConnection connection) {
    this.connection = connection;
    connection.session = this;
  }

  synchronized void detach(VoiceConnection closed) {
    if (connection == closed) {
      connection = null;
      detachedAtNanos = System.nanoTime();
    }
  }

  /** Whether no connection has been attached for {@code nanos}: nobody will resume it now. */
  synchronized boolean abandonedFor(long nanos) {
    return connection == null && System.nanoTime() - detachedAtNanos > nanos;
  }

  synchronized VoiceConnection connection() {
    return connection;
  }

  /** A numbered server message (v8): buffered for resume, sent if connected. */
  synchronized void sendNumbered(int op, JsonNode data) {
    ObjectNode frame = Json.object().put("op", op);
    frame.set("d", data);
    frame.put("seq", ++sequence);
    String json = Json.write(frame);
    replay.addLast(new Numbered(sequence, json));
    if (replay.size() > REPLAY_LIMIT) {
      replay.removeFirst();
    }
    if (connection != null) {
      connection.send(json);
    }
  }

  /** Re-sends what came after {@code seqAck}; false when the buffer no longer reaches back. */
  synchronized boolean replayAfter(long seqAck, VoiceConnection to) {
    if (!replay.isEmpty() && replay.peekFirst().seq() > seqAck + 1) {
      return false;
    }
    for (Numbered message : List.copyOf(replay)) {
      if (message.seq() > seqAck) {
        to.send(message.json());
      }
    }
    return true;
  }

  void end() {
    ended = true;
    VoiceStream current = stream;
    if (current != null) {
      current.disconnected();
    }
  }

  boolean ended() {
    return ended;
  }
}
