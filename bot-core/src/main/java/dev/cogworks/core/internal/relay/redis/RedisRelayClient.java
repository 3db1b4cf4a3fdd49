package dev.cogworks.core.internal.relay.redis;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.core.internal.relay.ListenLoop;
import dev.cogworks.core.internal.relay.Outgoing;
import dev.cogworks.core.internal.relay.RelayClient;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.WireRequest;
import dev.cogworks.core.internal.relay.WireResponse;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * An edit: rewrites the earlier edit it merges into (KEYS[2], the hash holding that request's
   * current body) while no worker has started it, or else is added to its stream (KEYS[1]) with a
   * hash of its own (KEYS[3]) that later edits of the message can merge into. 1 when it merged.
   */
  private static final String MERGE_OR_ADD =
      "if ARGV[1] ~= '' and redis.call('HEXISTS', KEYS[2], 'sealed') == 0\n"
          + "    and redis.call('HEXISTS', KEYS[2], 'body') == 1 then\n"
          + "  redis.call('HSET', KEYS[2], 'body', ARGV[1])\n"
          + "  return 1\n"
          + "end\n"
          + "redis.call('HSET', KEYS[3], 'body', ARGV[4])\n"
          + "redis.call('PEXPIRE', KEYS[3], ARGV[5])\n"
          + "redis.call('XADD', KEYS[1], '*', 'route_key', ARGV[2], 'reply_to', ARGV[3],\n"
          + "  'request', ARGV[4], 'merge', KEYS[3])\n"
          + "return 0\n";

  /** How long an edit's hash outlives its deadline, for a worker that took it over late. */
  private static final Duration EDIT_KEPT = Duration.ofMinutes(1);

  @Override
  public Set<String> publishMerging(List<Outgoing> requests) {
    try {
      RedisCommands<String, String> redis = publishing.sync();
      redis.multi();
      Instant now = Instant.now();
      for (Outgoing o : requests) {
        WireRequest r = o.request();
        long routeKey = r.request().routeKey();
        int partition = names.partition(routeKey);
        if (r.request() instanceof DiscordRequest.EditMessage) {
          String own = names.edit(partition, r.requestId());
          long kept = Duration.between(now, r.deadline()).plus(EDIT_KEPT).toMillis();
          redis.eval(
              MERGE_OR_ADD,
              ScriptOutputType.INTEGER,
              new String[] {
                names.stream(partition),
                o.merged() == null ? own : names.edit(partition, o.replaces()),
                own
              },
              o.merged() == null ? "" : o.merged().toJson(),
              Long.toString(routeKey),
              r.replyTo(),
              r.toJson(),
              Long.toString(Math.max(kept, EDIT_KEPT.toMillis())));
        } else {
          redis.xadd(
              names.stream(partition),
              Map.of(
                  "route_key",
                  Long.toString(routeKey),
                  "reply_to",
                  r.replyTo(),
                  "request",
                  r.toJson()));
        }
      }
      var result = redis.exec();
      if (result.wasDiscarded()) {
        throw new IllegalStateException("the transaction was discarded");
      }
      loop.reachable(true);
      Set<String> replaced = new HashSet<>();
      for (int i = 0; i < requests.size(); i++) {
        if (requests.get(i).merged() != null && Long.valueOf(1).equals(result.get(i))) {
          replaced.add(requests.get(i).replaces());
        }
      }
      return replaced;
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
