package dev.cogworks.core.internal.relay.redis;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.core.internal.relay.ListenLoop;
import dev.cogworks.core.internal.relay.Outgoing;
import dev.cogworks.core.internal.relay.PartlyPublished;
import dev.cogworks.core.internal.relay.RelayClient;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.WireRequest;
import dev.cogworks.core.internal.relay.WireResponse;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's side on Redis: a batch of requests is added to their partitions' streams in one
 * MULTI/EXEC (all kept or none; on a cluster, one per partition), and this instance's answer stream
 * is read with a blocking XREAD from the last id seen, so answers that came while the connection
 * was down are read on return.
 */
final class RedisRelayClient implements RelayClient {
  private static final Logger log = LoggerFactory.getLogger(RedisRelayClient.class);

  private final RedisRelay gateway;
  private final RedisNames names;
  private final RedisLink publishing;
  private final ListenLoop loop;
  private final AtomicLong unreplicated = new AtomicLong();
  private volatile RedisLink reading;
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
      Set<String> replaced;
      if (publishing.clustered()) {
        replaced = publishPerPartition(requests);
      } else {
        RedisFuture<TransactionResult> exec =
            transact(publishing.masterOf(names.stream(0)), requests);
        replaced = replaced(requests, await(exec));
      }
      loop.reachable(true);
      return replaced;
    } catch (PartlyPublished e) {
      loop.reachable(false);
      gateway.failed();
      throw e;
    } catch (RuntimeException e) {
      loop.reachable(false);
      gateway.failed();
      if (!publishing.clustered()) {
        discard(publishing.masterOf(names.stream(0)));
      }
      throw new RelayException(
          "the gateway's Redis at " + gateway.where() + " is unreachable: " + e.getMessage(), e);
    }
  }

  /** A partition's requests, sent as one transaction on the master of its slot. */
  private record Sent(
      List<Outgoing> requests,
      StatefulRedisConnection<String, String> master,
      RedisFuture<TransactionResult> exec) {}

  /**
   * On a cluster: each partition's requests in a transaction of their own on the master of its slot
   * (a transaction cannot span slots), so a partition's requests are kept all or none, in order;
   * then, with {@code wait_replicas}, a {@code WAIT} on each master written to, so that what is
   * returned as kept survives that master's failover. All of it is pipelined: the masters work at
   * once, and a publish costs about one round trip plus the replicas' acknowledgement. Partitions
   * whose master failed are reported in a {@link PartlyPublished} with the requests that were kept.
   */
  private Set<String> publishPerPartition(List<Outgoing> requests) {
    Map<Integer, List<Outgoing>> byPartition = new LinkedHashMap<>();
    for (Outgoing o : requests) {
      byPartition
          .computeIfAbsent(
              names.partition(o.request().request().routeKey()), p -> new ArrayList<>())
          .add(o);
    }
    List<Sent> sent = new ArrayList<>();
    RuntimeException failure = null;
    for (Map.Entry<Integer, List<Outgoing>> group : byPartition.entrySet()) {
      try {
        StatefulRedisConnection<String, String> master =
            publishing.masterOf(names.stream(group.getKey()));
        sent.add(new Sent(group.getValue(), master, transact(master, group.getValue())));
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    int replicas = gateway.waitReplicas();
    long timeout = gateway.config().redisWaitTimeout().toMillis();
    Map<StatefulRedisConnection<String, String>, RedisFuture<Long>> waits = new LinkedHashMap<>();
    if (replicas > 0) {
      for (Sent s : sent) {
        if (gateway.waitsOn(s.master())) {
          waits.computeIfAbsent(s.master(), m -> m.async().waitForReplication(replicas, timeout));
        }
      }
    }
    Set<String> kept = new HashSet<>();
    Set<String> replaced = new HashSet<>();
    Map<StatefulRedisConnection<String, String>, Long> copies = new HashMap<>();
    for (Sent s : sent) {
      try {
        replaced.addAll(replaced(s.requests(), await(s.exec())));
        if (replicas > 0) {
          // A master that went away after the write may or may not have passed it to a replica:
          // not kept, so the bot publishes it again: at least once (a send's nonce makes a second
          // copy post nothing new), never lost.
          long held =
              waits.containsKey(s.master())
                  ? copies.computeIfAbsent(s.master(), m -> await(waits.get(m)))
                  : 0;
          if (held < replicas) {
            if (waits.containsKey(s.master())) {
              gateway.replicaMissing(s.master());
            }
            unreplicated.addAndGet(s.requests().size());
            log.debug(
                "{} request(s) accepted with {} of {} replica(s) holding them (within {} ms:"
                    + " messaging.gateway.redis.wait_timeout; not waited for a while after a"
                    + " timeout)",
                s.requests().size(),
                held,
                replicas,
                timeout);
          }
        }
        s.requests().forEach(o -> kept.add(o.request().requestId()));
      } catch (RuntimeException e) {
        failure = e;
        discard(s.master());
      }
    }
    if (failure != null) {
      throw new PartlyPublished(
          "the gateway's Redis Cluster at "
              + gateway.where()
              + " did not take every partition's requests: "
              + failure.getMessage(),
          failure,
          kept,
          replaced);
    }
    return replaced;
  }

  /**
   * Sends the requests as one MULTI/EXEC on {@code connection} without waiting (only the publisher
   * thread uses it); the EXEC's future.
   */
  private RedisFuture<TransactionResult> transact(
      StatefulRedisConnection<String, String> connection, List<Outgoing> requests) {
    RedisAsyncCommands<String, String> redis = connection.async();
    redis.multi();
    Instant now = Instant.now();
    for (Outgoing o : requests) {
      add(redis, o, now);
    }
    return redis.exec();
  }

  private static <T> T await(RedisFuture<T> future) {
    return LettuceFutures.awaitOrCancel(future, 5, TimeUnit.SECONDS);
  }

  /** The ids of the requests the merging edits among {@code requests} replaced. */
  private static Set<String> replaced(List<Outgoing> requests, TransactionResult result) {
    if (result.wasDiscarded()) {
      throw new IllegalStateException("the transaction was discarded");
    }
    Set<String> replaced = new HashSet<>();
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i).merged() != null && Long.valueOf(1).equals(result.get(i))) {
        replaced.add(requests.get(i).replaces());
      }
    }
    return replaced;
  }

  private static void discard(StatefulRedisConnection<String, String> connection) {
    try {
      connection.sync().discard();
    } catch (RuntimeException ignored) {
      // no transaction left open, or no connection to close it on
    }
  }

  private void add(RedisAsyncCommands<String, String> redis, Outgoing o, Instant now) {
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

  @Override
  public long unreplicated() {
    return unreplicated.get();
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
