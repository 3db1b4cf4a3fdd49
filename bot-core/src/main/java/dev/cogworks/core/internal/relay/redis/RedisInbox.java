package dev.cogworks.core.internal.relay.redis;

import dev.cogworks.core.internal.concurrent.KeyedSequencer;
import dev.cogworks.core.internal.relay.ClaimedRequest;
import dev.cogworks.core.internal.relay.LeaseHeartbeat;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.RelayInbox;
import dev.cogworks.core.internal.relay.WireResponse;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandInterruptedException;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side on Redis. Order per channel: a channel's requests all go to one partition stream,
 * and a partition is read by one worker at a time (an owner key with a lease, like a Kafka
 * partition), and what a worker has read waits in a queue per channel and runs one per channel at a
 * time ({@link KeyedSequencer}). Workers take an even share of the partitions ({@code
 * ceil(partitions / live workers)}), give back extras when others join, and take a dead worker's
 * partitions when its lease runs out, claiming its unacknowledged entries with {@code XAUTOCLAIM}
 * before reading new ones.
 */
final class RedisInbox implements RelayInbox<StreamEntry> {
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

  /** Entries read ahead at most; beyond it the worker reads no more until some are done. */
  private static final int READ_AHEAD = 5_000;

  private final RedisNames names;
  private final RedisRateLimits limits;
  private final Duration lease;
  private final Duration responseTtl;
  private final StatefulRedisConnection<String, String> commands;
  private final StatefulRedisConnection<String, String> blocking;
  private final Map<Integer, Boolean> owned = new ConcurrentHashMap<>();

  /** Entries delivered here and not yet handed out: this worker's to run, in order per channel. */
  private final KeyedSequencer<ClaimedRequest<StreamEntry>> ready =
      new KeyedSequencer<>(ClaimedRequest::routeKey);

  /**
   * Entries delivered here and not settled: waiting in {@link #ready}, or running. (Entry ids are
   * unique only within a stream: partitions written in the same millisecond share them.)
   */
  private final Set<StreamEntry> outstanding = ConcurrentHashMap.newKeySet();

  private String workerId;
  private LeaseHeartbeat heartbeat;
  private long nextBalance;

  RedisInbox(RedisRelay engine, RedisRateLimits limits) {
    this.names = engine.names;
    this.limits = limits;
    this.lease = engine.config().lease();
    this.responseTtl = engine.config().responseTtl();
    this.commands = engine.connect();
    this.blocking = engine.connect();
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
    heartbeat = new LeaseHeartbeat(workerId, lease, this::renew);
    heartbeat.start();
  }

  /** Keeps this worker alive and its partitions owned; forgets partitions it lost. */
  private void renew() {
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
  }

  @Override
  public List<ClaimedRequest<StreamEntry>> claim(int max, Duration wait)
      throws InterruptedException {
    try {
      if (System.currentTimeMillis() >= nextBalance) {
        balance();
        nextBalance = System.currentTimeMillis() + Math.max(200, lease.toMillis() / 3);
      }
      List<ClaimedRequest<StreamEntry>> heads = ready.take(max);
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
      messages.forEach(m -> deliver(m, 1));
      return ready.take(max);
    } catch (RedisCommandInterruptedException e) {
      throw new InterruptedException("stopped while reading");
    } catch (RuntimeException e) {
      log.warn("Cannot read requests: {}", e.getMessage());
      Thread.sleep(Math.min(wait.toMillis(), 1000));
      return List.of();
    }
  }

  /** Queues an entry to run here, unless it is here already; says whether it did. */
  private boolean deliver(StreamMessage<String, String> m, int deliveries) {
    int partition = names.partitionOf(m.getStream());
    if (m.getBody() == null) {
      return false;
    }
    StreamEntry entry =
        new StreamEntry(
            partition, m.getStream(), m.getId(), m.getBody().getOrDefault("reply_to", ""));
    if (!outstanding.add(entry)) {
      return false;
    }
    long routeKey = Long.parseLong(m.getBody().getOrDefault("route_key", "0"));
    ready.add(
        new ClaimedRequest<>(
            m.getBody().getOrDefault("request", ""),
            entry,
            routeKey,
            deliveries,
            limits.blocked(routeKey)));
    return true;
  }

  private int outstanding(int partition) {
    int n = 0;
    for (StreamEntry entry : outstanding) {
      if (entry.partition() == partition) {
        n++;
      }
    }
    return n;
  }

  /**
   * Takes this worker's fair share of partitions, and gives back partitions beyond it that have
   * nothing delivered here (so a channel's requests never run in two workers at once).
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
      if (outstanding(p) == 0) {
        release(p);
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

  private void release(int partition) {
    owned.remove(partition);
    commands
        .sync()
        .eval(RELEASE, ScriptOutputType.INTEGER, new String[] {names.owner(partition)}, workerId);
  }

  /** Claims what the partition's previous owner read but never settled, oldest first. */
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
        if (deliver(m, 2)) {
          taken++;
        }
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
  public boolean holds(ClaimedRequest<StreamEntry> request) {
    return owned.containsKey(request.handle().partition());
  }

  @Override
  public Optional<ClaimedRequest<StreamEntry>> complete(
      ClaimedRequest<StreamEntry> request, WireResponse answer) {
    return finish(request, answer.toJson());
  }

  @Override
  public Optional<ClaimedRequest<StreamEntry>> drop(ClaimedRequest<StreamEntry> request) {
    return finish(request, "");
  }

  private Optional<ClaimedRequest<StreamEntry>> finish(
      ClaimedRequest<StreamEntry> request, String answer) {
    StreamEntry entry = request.handle();
    Long done;
    try {
      done =
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
    } catch (RuntimeException e) {
      throw new RelayException(
          "cannot record the answer of request " + entry + ": " + e.getMessage(), e);
    }
    outstanding.remove(entry);
    if (done == null || done == 0) {
      log.info("Request {} belongs to another worker now; not answering it here", entry);
    }
    return ready.finished(request.routeKey());
  }

  /**
   * Back to the front of its channel's queue while the partition is this worker's; otherwise it
   * stays pending in Redis for the partition's next owner.
   */
  @Override
  public void release(ClaimedRequest<StreamEntry> request) {
    if (owned.containsKey(request.handle().partition())) {
      ready.putBack(request);
      return;
    }
    outstanding.remove(request.handle());
    ready.finished(request.routeKey());
  }

  @Override
  public void abandon() {
    heartbeat.close();
    blocking.close();
    commands.close();
  }

  /**
   * What was read ahead goes back to the streams' pending lists, and partitions with nothing
   * running here are released for the others to take at once. A partition with a request still
   * running here stays this worker's until its lease runs out.
   */
  @Override
  public void close() {
    heartbeat.close();
    for (ClaimedRequest<StreamEntry> waiting : ready.remove(r -> true)) {
      outstanding.remove(waiting.handle());
    }
    try {
      for (Integer p : List.copyOf(owned.keySet())) {
        if (outstanding(p) == 0) {
          release(p);
        }
      }
      commands.sync().zrem(names.alive(), workerId);
    } catch (RuntimeException e) {
      log.warn("Worker {} could not release its partitions: {}", workerId, e.getMessage());
    }
    blocking.close();
    commands.close();
  }
}
