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
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side on Redis. Order per channel: a channel's requests all go to one partition stream,
 * a partition is read by one worker at a time ({@link PartitionLeases}), and what a worker has read
 * waits in a queue per channel and runs one per channel at a time ({@link KeyedSequencer}), so a
 * channel waiting out its bucket holds one slot, not all of them.
 *
 * <p>Taking over: a partition taken from a dead owner (or handed over by a live one) first has its
 * pending entries claimed with {@code XAUTOCLAIM}, oldest first, before new ones are read; every
 * {@code lease}, entries left longer than that on another consumer of an owned partition are
 * claimed too, and consumers gone with nothing pending are removed. A worker that loses a partition
 * drops what it read ahead of it at once and starts nothing more of it.
 */
final class RedisInbox implements RelayInbox<StreamEntry> {
  private static final Logger log = LoggerFactory.getLogger(RedisInbox.class);

  /**
   * Acknowledges a request, only while this worker still owns the partition; every key is the
   * partition's (one slot on a cluster). The answer is written before, on its own: see {@link
   * #finish}.
   */
  private static final String ACKNOWLEDGE =
      "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end\n"
          + "redis.call('XACK', KEYS[2], ARGV[3], ARGV[2])\n"
          + "redis.call('XDEL', KEYS[2], ARGV[2])\n"
          + "if KEYS[3] then redis.call('DEL', KEYS[3]) end\n"
          + "return 1\n";

  /** Adds an answer to its bot instance's stream and keeps the stream for {@code response_ttl}. */
  private static final String ANSWER =
      "redis.call('XADD', KEYS[1], 'MAXLEN', '~', '100000', '*', 'response', ARGV[1])\n"
          + "redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
          + "return 1\n";

  /**
   * Ends merging into an edit and returns its current body (nil when its hash has expired): later
   * edits of the message see it sealed and go into the stream as requests of their own.
   */
  private static final String SEAL =
      "local body = redis.call('HGET', KEYS[1], 'body')\n"
          + "if body then redis.call('HSET', KEYS[1], 'sealed', '1') end\n"
          + "return body\n";

  /**
   * Removes the stream's consumers that have nothing pending and are not among the live workers
   * (ARGV[3...], read from the alive set just before: on a cluster it lives in another slot).
   * Checked and removed in one step, so no entry can be delivered to a consumer between the check
   * and its removal (removing a consumer drops its pending entries). A worker that came alive after
   * the list was read loses only an empty consumer, which its next read creates again.
   */
  private static final String REMOVE_GONE_CONSUMERS =
      "local live = {}\n"
          + "for i = 3, #ARGV do live[ARGV[i]] = true end\n"
          + "local removed = 0\n"
          + "for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do\n"
          + "  local name, pending\n"
          + "  for i = 1, #consumer, 2 do\n"
          + "    if consumer[i] == 'name' then name = consumer[i + 1] end\n"
          + "    if consumer[i] == 'pending' then pending = consumer[i + 1] end\n"
          + "  end\n"
          + "  if name ~= ARGV[2] and pending == 0 and not live[name] then\n"
          + "    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], name)\n"
          + "    removed = removed + 1\n"
          + "  end\n"
          + "end\n"
          + "return removed\n";

  /**
   * On a cluster, how long a worker that found nothing waits before reading its partitions again:
   * one blocking read cannot span partitions there (each is its own slot), so they are polled.
   */
  private static final long CLUSTER_POLL_MS = 10;

  /** Entries read ahead at most; beyond it the worker reads no more until some are done. */
  private static final int READ_AHEAD = 5_000;

  private final RedisNames names;
  private final RedisRateLimits limits;
  private final Duration lease;
  private final Duration responseTtl;
  private final RedisRelay engine;
  private final RedisLink commands;
  private final RedisLink blocking;
  private final PartitionLeases leases;

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
  private long nextSweep;

  RedisInbox(RedisRelay engine, RedisRateLimits limits) {
    this.engine = engine;
    this.names = engine.names;
    this.limits = limits;
    this.lease = engine.config().lease();
    this.responseTtl = engine.config().responseTtl();
    this.commands = engine.connect();
    this.blocking = engine.connect();
    this.leases = new PartitionLeases(names, lease, commands.sync(), this::dropReadAhead);
  }

  @Override
  public void start(String workerId) {
    this.workerId = workerId;
    leases.join(workerId);
    RedisClusterCommands<String, String> redis = commands.sync();
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
    heartbeat = new LeaseHeartbeat(workerId, lease, leases::renew);
    heartbeat.start();
  }

  @Override
  public List<ClaimedRequest<StreamEntry>> claim(int max, Duration wait)
      throws InterruptedException {
    try {
      long now = System.currentTimeMillis();
      if (now >= nextBalance) {
        balance();
        nextBalance = now + Math.max(200, lease.toMillis() / 3);
      }
      if (now >= nextSweep) {
        sweep();
        nextSweep = now + lease.toMillis();
      }
      List<ClaimedRequest<StreamEntry>> heads = ready.take(max);
      if (!heads.isEmpty()) {
        return heads;
      }
      if (ready.size() >= READ_AHEAD) {
        Thread.sleep(Math.min(wait.toMillis(), 100));
        return List.of();
      }
      List<Integer> readable = leases.reading();
      if (readable.isEmpty()) {
        Thread.sleep(wait.toMillis());
        return List.of();
      }
      if (blocking.clustered()) {
        poll(readable, Math.max(max, 50), wait);
        return ready.take(max);
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
      engine.failed();
      log.warn("Cannot read requests: {}", e.getMessage());
      Thread.sleep(Math.min(wait.toMillis(), 1000));
      return List.of();
    }
  }

  /**
   * Reads each partition on its own, all at once (the cluster client sends each to its master), and
   * when none had anything, waits {@link #CLUSTER_POLL_MS} (at most {@code wait}) before returning.
   */
  private void poll(List<Integer> readable, int count, Duration wait) throws InterruptedException {
    var async = blocking.async();
    List<RedisFuture<List<StreamMessage<String, String>>>> reads = new ArrayList<>();
    for (int p : readable) {
      reads.add(
          async.xreadgroup(
              Consumer.from(names.group(), workerId),
              XReadArgs.Builder.count(count),
              XReadArgs.StreamOffset.lastConsumed(names.stream(p))));
    }
    boolean any = false;
    RuntimeException failure = null;
    for (RedisFuture<List<StreamMessage<String, String>>> read : reads) {
      try {
        for (StreamMessage<String, String> m : read.get()) {
          deliver(m, 1);
          any = true;
        }
      } catch (java.util.concurrent.ExecutionException e) {
        failure = new RelayException(e.getCause().getMessage(), e.getCause());
      }
    }
    if (failure != null) {
      throw failure;
    }
    if (!any) {
      Thread.sleep(Math.min(wait.toMillis(), CLUSTER_POLL_MS));
    }
  }

  /**
   * Queues an entry to run here, if its partition is read here and it is not here already; says
   * whether it did. An entry of a partition lost meanwhile stays pending, for the partition's owner
   * to claim.
   */
  private boolean deliver(StreamMessage<String, String> m, int deliveries) {
    int partition = names.partitionOf(m.getStream());
    if (m.getBody() == null || !leases.reading(partition)) {
      return false;
    }
    StreamEntry entry =
        new StreamEntry(
            partition,
            m.getStream(),
            m.getId(),
            m.getBody().getOrDefault("reply_to", ""),
            m.getBody().get("merge"));
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
    if (!leases.reading(partition)) {
      // Lost while this entry was being queued (the heartbeat found out on its own thread, and its
      // drop may have run before the entry was in the queue): drop again, or the entry would wait
      // here for a partition this worker does not read.
      dropReadAhead(partition);
      return false;
    }
    return true;
  }

  /**
   * Hands the partition's entries that have not started back to its pending list (the next owner
   * claims them, in order); what runs here of it goes on and is settled as usual.
   */
  private void dropReadAhead(int partition) {
    for (ClaimedRequest<StreamEntry> dropped :
        ready.remove(r -> r.handle().partition() == partition)) {
      outstanding.remove(dropped.handle());
    }
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
   * Keeps this worker at its fair share: partitions beyond it are drained (not read any more; what
   * was read ahead of them goes back) and released once nothing of theirs runs here, so a busy
   * worker hands partitions to a new one within about a request's time; free partitions are taken
   * up to the share.
   */
  private void balance() {
    int fair = leases.fairShare();
    leases.drainSurplus(fair, this::outstanding).forEach(this::dropReadAhead);
    for (int p : leases.draining()) {
      if (outstanding(p) == 0) {
        leases.release(p);
      }
    }
    leases.acquire(fair).forEach(this::takeOver);
  }

  /** Claims what the partition's previous owner read but never settled, oldest first. */
  private void takeOver(int partition) {
    int taken = claimIdle(partition, Duration.ZERO);
    if (taken > 0) {
      log.info(
          "Worker {} took over partition {} with {} unfinished request(s)",
          workerId,
          partition,
          taken);
    }
  }

  /**
   * On each read partition: claims entries left idle longer than the lease on another consumer (one
   * that lost the partition while reading it, or died), and removes consumers that are gone with
   * nothing pending.
   */
  private void sweep() {
    RedisClusterCommands<String, String> redis = commands.sync();
    List<String> live =
        redis.zrangebyscore(
            names.alive(),
            Range.create((double) System.currentTimeMillis(), Double.POSITIVE_INFINITY));
    for (int p : leases.reading()) {
      String stream = names.stream(p);
      Map<String, Long> pending = redis.xpending(stream, names.group()).getConsumerMessageCount();
      if (pending.entrySet().stream()
          .anyMatch(e -> !e.getKey().equals(workerId) && e.getValue() > 0)) {
        int taken = claimIdle(p, lease);
        if (taken > 0) {
          log.info(
              "Worker {} claimed {} request(s) left on partition {} by a consumer that is gone",
              workerId,
              taken,
              p);
        }
      }
      List<String> args = new ArrayList<>(List.of(names.group(), workerId));
      args.addAll(live);
      redis.eval(
          REMOVE_GONE_CONSUMERS,
          ScriptOutputType.INTEGER,
          new String[] {stream},
          args.toArray(String[]::new));
    }
  }

  /** Claims the partition's pending entries idle for at least {@code minIdle}; how many are new. */
  private int claimIdle(int partition, Duration minIdle) {
    RedisClusterCommands<String, String> redis = commands.sync();
    String cursor = "0-0";
    int taken = 0;
    do {
      var page =
          redis.xautoclaim(
              names.stream(partition),
              XAutoClaimArgs.Builder.xautoclaim(
                      Consumer.from(names.group(), workerId), minIdle, cursor)
                  .count(100));
      for (StreamMessage<String, String> m : page.getMessages()) {
        if (deliver(m, 2)) {
          taken++;
        }
      }
      cursor = page.getId();
    } while (!"0-0".equals(cursor));
    return taken;
  }

  @Override
  public boolean merges(ClaimedRequest<StreamEntry> request) {
    return request.handle().merge() != null;
  }

  @Override
  public ClaimedRequest<StreamEntry> seal(ClaimedRequest<StreamEntry> request) {
    String current;
    try {
      current =
          commands
              .sync()
              .eval(SEAL, ScriptOutputType.VALUE, new String[] {request.handle().merge()});
    } catch (RuntimeException e) {
      throw new RelayException(
          "cannot start request " + request.handle() + ": " + e.getMessage(), e);
    }
    return current == null ? request : request.withJson(current);
  }

  @Override
  public boolean holds(ClaimedRequest<StreamEntry> request) {
    return leases.holds(request.handle().partition());
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

  /**
   * Writes the answer, then acknowledges the request if this worker still owns its partition. Two
   * steps, since the answer stream belongs to the bot instance (on a cluster, another slot than the
   * partition's): a crash between them leaves the request pending, so the partition's next owner
   * runs it again and answers a second time. That is the engine's at-least-once delivery: a
   * repeated send carries the same nonce and posts nothing new, an edit or delete repeats the same
   * change, and the bot keeps the first answer to a request and counts any later one as late. The
   * other order could lose an answer: acknowledged, then never written.
   */
  private Optional<ClaimedRequest<StreamEntry>> finish(
      ClaimedRequest<StreamEntry> request, String answer) {
    StreamEntry entry = request.handle();
    Long done;
    try {
      RedisClusterCommands<String, String> redis = commands.sync();
      if (!answer.isEmpty()) {
        String answers = names.answers(entry.replyTo());
        var node = commands.masterOf(answers);
        RedisClusterCommands<String, String> master = node.sync();
        master.eval(
            ANSWER,
            ScriptOutputType.INTEGER,
            new String[] {answers},
            answer,
            Long.toString(responseTtl.toMillis()));
        // On a cluster the worker waits for a replica to hold the answer before acknowledging the
        // request, so a failover of its master does not lose an answer to a request no one runs
        // again. A replica slower than wait_timeout (or missing: see waitsOn) lets it through
        // held by the master alone; a failover right then can lose that answer, and the bot's
        // caller then sees a timeout for a request that ran.
        if (engine.waitReplicas() > 0
            && engine.waitsOn(node)
            && master.waitForReplication(
                    engine.waitReplicas(), engine.config().redisWaitTimeout().toMillis())
                < engine.waitReplicas()) {
          engine.replicaMissing(node);
        }
      }
      String[] keys =
          entry.merge() == null
              ? new String[] {names.owner(entry.partition()), entry.stream()}
              : new String[] {names.owner(entry.partition()), entry.stream(), entry.merge()};
      done =
          redis.eval(
              ACKNOWLEDGE, ScriptOutputType.INTEGER, keys, workerId, entry.id(), names.group());
    } catch (RuntimeException e) {
      engine.failed();
      throw new RelayException(
          "cannot record the answer of request " + entry + ": " + e.getMessage(), e);
    }
    outstanding.remove(entry);
    if (done == null || done == 0) {
      log.info("Request {} belongs to another worker now; not acknowledging it here", entry);
      leases.lose(entry.partition(), "another worker owns it");
    }
    return ready.finished(request.routeKey());
  }

  /**
   * Back to the front of its channel's queue while the partition is read here; otherwise it stays
   * pending in Redis for the partition's next owner.
   */
  @Override
  public void release(ClaimedRequest<StreamEntry> request) {
    int partition = request.handle().partition();
    if (!leases.holds(partition)) {
      leases.lose(partition, "its lease could not be renewed in time");
    }
    if (leases.reading(partition)) {
      ready.putBack(request);
      return;
    }
    // Not read here any more: the request, and whatever of its channel the queue would hand out
    // next, stay pending in Redis. Each item handed out must be dropped too, or its channel would
    // stay marked running here with nobody running it.
    Optional<ClaimedRequest<StreamEntry>> next = Optional.of(request);
    while (next.isPresent()) {
      outstanding.remove(next.get().handle());
      next = ready.finished(request.routeKey());
    }
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
    try {
      for (int p : leases.owned()) {
        dropReadAhead(p);
        if (outstanding(p) == 0) {
          leases.release(p);
        } else {
          log.warn(
              "Worker {} keeps partition {} until its lease runs out: a request of it still runs",
              workerId,
              p);
        }
      }
      leases.leave();
    } catch (RuntimeException e) {
      log.warn("Worker {} could not release its partitions: {}", workerId, e.getMessage());
    }
    blocking.close();
    commands.close();
  }
}
