package dev.cogworks.sim.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.SimBot;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A gateway session: outlives its connection so a client can RESUME and receive, in order, every
 * dispatch it missed. Dispatches are numbered and buffered whether or not a connection is attached.
 */
final class GatewaySession {
  private static final int REPLAY_LIMIT = 10_000;

  final String id;
  final SimBot bot;
  final int intents;
  final int shardId;
  final int shardCount;

  /** IDENTIFY's {@code large_threshold}: above this many members a guild is "large". */
  final int largeThreshold;

  private final ArrayDeque<Frame> replay = new ArrayDeque<>();
  private int sequence;
  private GatewayConnection connection;
  private long detachedAtMillis;

  private record Frame(int sequence, String json) {}

  /** The gateway's count of dispatches across every session, for {@code Gateway.dispatches}. */
  private final AtomicLong dispatched;

  GatewaySession(
      String id,
      SimBot bot,
      int intents,
      int shardId,
      int shardCount,
      int largeThreshold,
      AtomicLong dispatched) {
    this.dispatched = dispatched;
    this.id = id;
    this.bot = bot;
    this.intents = intents;
    this.shardId = shardId;
    this.shardCount = shardCount;
    this.largeThreshold = largeThreshold;
  }

  /** Whether events of this guild go to this session's shard. */
  boolean servesGuild(long guildId) {
    return (guildId >> 22) % shardCount == shardId;
  }

  synchronized void dispatch(String type, JsonNode data) {
    dispatched.incrementAndGet();
    ObjectNode frame = Json.object();
    frame.put("op", 0);
    frame.put("t", type);
    frame.put("s", ++sequence);
    frame.set("d", data);
    String json = Json.write(frame);
    replay.addLast(new Frame(sequence, json));
    if (replay.size() > REPLAY_LIMIT) {
      replay.removeFirst();
    }
    if (connection != null && !connection.stalled) {
      connection.send(json);
    }
  }

  /** The characters of the dispatches kept for a resume (what the buffer holds in memory). */
  synchronized long replayChars() {
    long chars = 0;
    for (Frame frame : replay) {
      chars += frame.json().length();
    }
    return chars;
  }

  synchronized int sequence() {
    return sequence;
  }

  synchronized boolean connected() {
    return connection != null;
  }

  synchronized GatewayConnection connection() {
    return connection;
  }

  synchronized void attach(GatewayConnection connection) {
    this.connection = connection;
    connection.session = this;
  }

  synchronized void detach(GatewayConnection closed) {
    if (connection == closed) {
      connection = null;
      detachedAtMillis = System.currentTimeMillis();
    }
  }

  /** Whether nobody has resumed this session for {@code millis}; then it can be forgotten. */
  synchronized boolean abandonedFor(long millis) {
    return connection == null && System.currentTimeMillis() - detachedAtMillis > millis;
  }

  /**
   * Attaches a resuming connection and replays every dispatch after {@code lastSeen}. False when
   * the buffer no longer reaches back that far; the client must then identify anew.
   */
  synchronized boolean resume(GatewayConnection resumed, int lastSeen) {
    if (!replay.isEmpty() && replay.peekFirst().sequence() > lastSeen + 1) {
      return false;
    }
    attach(resumed);
    for (Frame frame : List.copyOf(replay)) {
      if (frame.sequence() > lastSeen) {
        resumed.send(frame.json());
      }
    }
    return true;
  }
}
