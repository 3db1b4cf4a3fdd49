package dev.cogworks.core.internal.relay.redis;

import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.relay.ClaimedRequest;
import dev.cogworks.core.internal.relay.RelayInbox;
import dev.cogworks.core.internal.relay.RouteLanes;
import dev.cogworks.core.internal.relay.SharedRateLimits;
import dev.cogworks.core.internal.relay.WireResponse;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side on Redis. Order per channel: a channel's requests all go to one partition stream,
 * and a partition is read by one worker at a time (an owner key with a lease, like a Kafka
 * partition), which runs a channel's requests one after another. Workers take an even share of the
 * partitions ({@code ceil(partitions / live workers)}), give back extras when others join, and take
 * a dead worker's partitions when its lease runs out, claiming its unacknowledged entries with
 * {@code XAUTOCLAIM} before reading new ones.
 */
final class RedisInbox implements RelayInbox {
  private static final Logger log = LoggerFactory.getLogger(RedisInbox.class);

  /** Answers and acknowledges in one step, only while this worker still owns the partition. */
  private static final String FINISH =
      "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end\n"
          + "if ARGV[3] ~= '' then\n"
          + "  redis.call('XADD', KEYS[3], 'MAXLEN', '~', '100000', '*', 'response', ARGV[3])\n"
          + "  redis.call('PEXPIRE', KEYS[3], ARGV[4])\n"
          + "end\n"
          + "redis.call('XACK', KEYS[2], ARGV[5], ARGV[2])\n"
          + "redis.call('XDEL', KEYS[2], ARGV[2])\n"
          + "return 1\n";

  private static final String RENEW =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then\n"
          + "  return redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
          + "end\n"
          + "return 0\n";

  private static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end\n"
          + "return 0\n";

  /** Where a claimed entry lives, and whom to answer. */
  private record Entry(int partition, String stream, String id, String replyTo) {}

  private final RedisRelay gateway;
  private final RedisNames names;
  private final RedisRateLimits limits;
  private final Duration lease;
  private final Duration responseTtl;
  private final StatefulRedisConnection<String, String> commands;
  private final StatefulRedisConnection<String, String> blocking;
  private final Map<Integer, Boolean> owned = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();

  /**
   * Entries delivered to this worker (read, or taken over) and not yet handed out: this worker's to
   * run, each route key's in order, one at a time.
   */
  private final RouteLanes ready = new RouteLanes();

  /** Entries read ahead at most; beyond it the worker reads no more until some are done. */
  private static final int READ_AHEAD = 5_000;

  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gateway-lease"));
  private String workerId;
  private long nextBalance;

  RedisInbox(RedisRelay gateway, RedisRateLimits limits) {
    this.gateway = gateway;
    this.names = gateway.names;
    this.limits = limits;
    this.lease = gateway.config().lease();
    this.responseTtl = gateway.config().responseTtl();
    this.commands = gateway.connect();
    this.blocking = gateway.connect();
  }

  @Override
  public void start(String workerId) {
    this.workerId = workerId;
    RedisCommands<String, String> redis = commands.sync();
    for (int p = 0; p < names.partitions(); p++) {
      try {
        redis.xgroupCreate(
            XReadArgs.StreamOffset.from(names.stream(p), "0"),
            names.group(),
            XGroupCreateArgs.Builder.mkstream());
      } catch (RedisBusyException e) {
        // BUSYGROUP: another worker made it first
      }
    }
    renew();
    long every = Math.max(200, lease.toMillis() / 3);
    heartbeat.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /** Keeps this worker alive and its partitions owned; forgets partitions it lost. */
  private void renew() {
    try {
      RedisCommands<String, String> redis = commands.sync();
      long now = System.currentTimeMillis();
      redis.zadd(names.alive(), now + lease.toMillis(), workerId);
      redis.zremrangebyscore(names.alive(), Range.create(0, now));
      for (Integer p : List.copyOf(owned.keySet())) {
        Long kept =
            redis.eval(
                RENEW,
                ScriptOutputType.INTEGER,
                new String[] {names.owner(p)},
                workerId,
                Long.toString(lease.toMillis()));
        if (kept == null || kept == 0) {
          owned.remove(p);
          log.warn("Worker {} lost partition {} (its lease ran out)", workerId, p);
        }
      }
    } catch (RuntimeException e) {
      log.warn("Cannot renew the lease of worker {}: {}", workerId, e.getMessage());
    }
  }

  @Override
  public List<ClaimedRequest> claim(int max, Duration wait) throws InterruptedException {
    try {
      if (System.currentTimeMillis() >= nextBalance) {
        balance();
        nextBalance = System.currentTimeMillis() + Math.max(200, lease.toMillis() / 3);
      }
      List<ClaimedRequest> heads = ready.take(max);
      if (!heads.isEmpty()) {
        return heads;
      }
      if (ready.size() >= READ_AHEAD) {
        Thread.sleep(Math.min(wait.toMillis(), 100));
        return List.of();
      }
      List<Integer> readable = List.copyOf(owned.keySet());
      if (readable.isEmpty()) {
        Thread.sleep(wait.toMillis());
        return List.of();
      }
      @SuppressWarnings("unchecked")
      XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[readable.size()];
      for (int i = 0; i < readable.size(); i++) {
        offsets[i] = XReadArgs.StreamOffset.lastConsumed(names.stream(readable.get(i)));
      }
      List<StreamMessage<String, String>> messages =
          blocking
              .sync()
              .xreadgroup(
                  Consumer.from(names.group(), workerId),
                  XReadArgs.Builder.block(Math.min(wait.toMillis(), 2000)).count(Math.max(max, 50)),
                  offsets);
      for (StreamMessage<String, String> m : messages) {
        ready.add(toClaimed(m, 1));
      }
      return ready.take(max);
    } catch (RuntimeException e) {
      log.warn("Cannot read requests: {}", e.getMessage());
      Thread.sleep(Math.min(wait.toMillis(), 1000));
      return List.of();
    }
  }

  private ClaimedRequest toClaimed(StreamMessage<String, String> m, int deliveries) {
    String stream = m.getStream();
    int partition = Integer.parseInt(stream.substring(stream.lastIndexOf(':') + 1));
    long routeKey = Long.parseLong(m.getBody().getOrDefault("route_key", "0"));
    inFlight.computeIfAbsent(partition, p -> new AtomicInteger()).incrementAndGet();
    return new ClaimedRequest(
        m.getBody().getOrDefault("request", ""),
        new Entry(partition, stream, m.getId(), m.getBody().getOrDefault("reply_to", "")),
        routeKey,
        deliveries,
        limits.blocked(routeKey));
  }

  /**
   * Takes this worker's fair share of partitions, and gives back partitions beyond it that have
   * nothing running (so a channel's requests never run in two workers at once).
   */
  private void balance() {
    RedisCommands<String, String> redis = commands.sync();
    long live =
        Math.max(
            1,
            redis.zcount(
                names.alive(),
                Range.create((double) System.currentTimeMillis(), Double.POSITIVE_INFINITY)));
    int fair = (int) Math.ceil(names.partitions() / (double) live);
    for (Integer p : List.copyOf(owned.keySet())) {
      if (owned.size() <= fair) {
        break;
      }
      if (inFlight.getOrDefault(p, new AtomicInteger()).get() == 0) {
        owned.remove(p);
        redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {names.owner(p)}, workerId);
      }
    }
    int start = ThreadLocalRandom.current().nextInt(names.partitions());
    for (int i = 0; i < names.partitions() && owned.size() < fair; i++) {
      int p = (start + i) % names.partitions();
      if (owned.containsKey(p)) {
        continue;
      }
      String ok = redis.set(names.owner(p), workerId, SetArgs.Builder.nx().px(lease.toMillis()));
      if ("OK".equals(ok)) {
        owned.put(p, true);
        takeOver(p);
      }
    }
  }

  /**
   * Claims the entries the partition's previous owner read but never acknowledged, oldest first.
   */
  private void takeOver(int partition) {
    RedisCommands<String, String> redis = commands.sync();
    String cursor = "0-0";
    int taken = 0;
    do {
      var page =
          redis.xautoclaim(
              names.stream(partition),
              XAutoClaimArgs.Builder.xautoclaim(
                      Consumer.from(names.group(), workerId), Duration.ZERO, cursor)
                  .count(100));
      for (StreamMessage<String, String> m : page.getMessages()) {
        ready.add(toClaimed(m, 2));
        taken++;
      }
      cursor = page.getId();
    } while (!"0-0".equals(cursor));
    if (taken > 0) {
      log.info(
          "Worker {} took over partition {} with {} unfinished request(s)",
          workerId,
          partition,
          taken);
    }
  }

  @Override
  public Optional<ClaimedRequest> complete(ClaimedRequest request, WireResponse answer) {
    finish(request, answer.toJson());
    return ready.finished(request.routeKey());
  }

  @Override
  public Optional<ClaimedRequest> drop(ClaimedRequest request) {
    finish(request, "");
    return ready.finished(request.routeKey());
  }

  private void finish(ClaimedRequest request, String answer) {
    Entry entry = (Entry) request.handle();
    try {
      Long done =
          commands
              .sync()
              .eval(
                  FINISH,
                  ScriptOutputType.INTEGER,
                  new String[] {
                    names.owner(entry.partition()), entry.stream(), names.answers(entry.replyTo())
                  },
                  workerId,
                  entry.id(),
                  answer,
                  Long.toString(responseTtl.toMillis()),
                  names.group());
      if (done == null || done == 0) {
        log.info(
            "Request {} belongs to another worker now (partition {} changed hands); not answering",
            entry.id(),
            entry.partition());
      }
    } catch (RuntimeException e) {
      log.warn("Cannot record the answer of request {}: {}", entry.id(), e.getMessage());
    } finally {
      inFlight.get(entry.partition()).decrementAndGet();
    }
  }

  @Override
  public SharedRateLimits rateLimits() {
    return limits;
  }

  @Override
  public void abandon() {
    heartbeat.shutdownNow();
    gateway.close();
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      RedisCommands<String, String> redis = commands.sync();
      for (Integer p : List.copyOf(owned.keySet())) {
        redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {names.owner(p)}, workerId);
      }
      redis.zrem(names.alive(), workerId);
    } catch (RuntimeException e) {
      log.warn("Worker {} could not release its partitions: {}", workerId, e.getMessage());
    }
    owned.clear();
    blocking.close();
    commands.close();
  }
}
