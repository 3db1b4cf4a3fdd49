package dev.cogworks.sim.voice;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat page's "Listen": a WebSocket at {@code /_sim/voice/listen?guild_id=…} that carries what
 * bots send in the guild's voice channels, decoded — binary messages of 20 ms of interleaved stereo
 * 16-bit little-endian PCM at 48 kHz, which the page schedules into WebAudio. Frames are sent off
 * the UDP thread; a listener more than a second behind loses frames rather than slowing the server.
 */
final class VoiceListen {
  static final String PATH = "/_sim/voice/listen";
  private static final Logger log = LoggerFactory.getLogger(VoiceListen.class);
  private static final int MAX_PENDING_FRAMES = 50;

  private final VoiceServer server;
  private final Map<String, AutoCloseable> subscriptions = new ConcurrentHashMap<>();
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "discord-sim-voice-listen");
            thread.setDaemon(true);
            return thread;
          });

  VoiceListen(VoiceServer server) {
    this.server = server;
  }

  void configure(WsConfig ws) {
    ws.onConnect(this::connected);
    ws.onClose(ctx -> stop(ctx.sessionId()));
    ws.onError(ctx -> stop(ctx.sessionId()));
  }

  private void connected(WsContext ctx) {
    long guildId;
    try {
      guildId = Long.parseUnsignedLong(ctx.queryParam("guild_id"));
    } catch (NumberFormatException | NullPointerException e) {
      ctx.closeSession(4000, "guild_id is required");
      return;
    }
    AtomicInteger pending = new AtomicInteger();
    AutoCloseable subscription =
        server.listen(
            guildId,
            frame -> {
              if (pending.get() >= MAX_PENDING_FRAMES) {
                return;
              }
              pending.incrementAndGet();
              ByteBuffer bytes =
                  ByteBuffer.allocate(frame.length * 2).order(ByteOrder.LITTLE_ENDIAN);
              bytes.asShortBuffer().put(frame);
              sender.execute(
                  () -> {
                    try {
                      ctx.send(bytes);
                    } catch (RuntimeException e) {
                      log.debug("listener {} is gone: {}", ctx.sessionId(), e.toString());
                    } finally {
                      pending.decrementAndGet();
                    }
                  });
            });
    subscriptions.put(ctx.sessionId(), subscription);
  }

  private void stop(String id) {
    AutoCloseable subscription = subscriptions.remove(id);
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception ignored) {
        // removing a listener cannot fail
      }
    }
  }
}
