package dev.cogworks.core.internal.relay.redis;

import dev.cogworks.core.internal.relay.ListenLoop;
import dev.cogworks.core.internal.relay.RelayClient;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.WireRequest;
import dev.cogworks.core.internal.relay.WireResponse;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's side on Redis: a batch of requests is added to their partitions' streams in one
 * MULTI/EXEC (all kept or none), and this instance's answer stream is read with a blocking XREAD
 * from the last id seen, so answers that came while the connection was down are read on return.
 */
final class RedisRelayClient implements RelayClient {
  private static final Logger log = LoggerFactory.getLogger(RedisRelayClient.class);

  private final RedisRelay gateway;
  private final RedisNames names;
  private final StatefulRedisConnection<String, String> publishing;
  private final ListenLoop loop;
  private volatile StatefulRedisConnection<String, String> reading;
  private String lastRead = "0-0"; // the listening thread's alone

  RedisRelayClient(RedisRelay gateway) {
    this.gateway = gateway;
    this.names = gateway.names;
    this.publishing = gateway.connect();
    this.loop = new ListenLoop("Redis", gateway.where());
  }

  @Override
  public void publish(List<WireRequest> requests) {
    try {
      RedisCommands<String, String> redis = publishing.sync();
      redis.multi();
      for (WireRequest r : requests) {
        redis.xadd(
            names.stream(names.partition(r.request().routeKey())),
            Map.of(
                "route_key",
                Long.toString(r.request().routeKey()),
                "reply_to",
                r.replyTo(),
                "request",
                r.toJson()));
      }
      var result = redis.exec();
      if (result.wasDiscarded()) {
        throw new IllegalStateException("the transaction was discarded");
      }
      loop.reachable(true);
    } catch (RuntimeException e) {
      loop.reachable(false);
      try {
        publishing.sync().discard();
      } catch (RuntimeException ignored) {
        // no transaction left open, or no connection to close it on
      }
      throw new RelayException(
          "the gateway's Redis at " + gateway.where() + " is unreachable: " + e.getMessage(), e);
    }
  }

  @Override
  public void listen(String instance, Consumer<WireResponse> answers) {
    reading = gateway.connect();
    String stream = names.answers(instance);
    loop.start(instance, () -> read(stream, answers));
  }

  /**
   * Reads the answer stream after the last entry read (so a new session goes on where the failed
   * one stopped) until closed, deleting what it delivered.
   */
  private void read(String stream, Consumer<WireResponse> answers) {
    while (!loop.closed()) {
      List<StreamMessage<String, String>> messages =
          reading
              .sync()
              .xread(
                  XReadArgs.Builder.block(2000).count(500),
                  XReadArgs.StreamOffset.from(stream, lastRead));
      loop.connected();
      if (messages.isEmpty()) {
        continue;
      }
      String[] ids = new String[messages.size()];
      for (int i = 0; i < messages.size(); i++) {
        StreamMessage<String, String> m = messages.get(i);
        ids[i] = m.getId();
        lastRead = m.getId();
        try {
          answers.accept(WireResponse.fromJson(m.getBody().get("response")));
        } catch (RuntimeException e) {
          log.warn("Ignoring an unreadable gateway answer: {}", e.getMessage());
        }
      }
      reading.sync().xdel(stream, ids);
    }
  }

  @Override
  public boolean reachable() {
    return loop.reachable();
  }

  /** Answer streams expire by themselves (workers set their TTL on every write). */
  @Override
  public int expireAnswers() {
    return 0;
  }

  @Override
  public void close() {
    loop.close();
    if (reading != null) {
      reading.close();
    }
    publishing.close();
  }
}
