package dev.cogworks.core.internal.relay.redis;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions a worker owns, each a lease in Redis (an owner key with a TTL, like a Kafka
 * partition's assignment), and the worker's own liveness (its score in the alive set), renewed
 * together by the lease heartbeat. Workers own an even share, {@code ceil(partitions / live
 * workers)}. A partition is read while owned; one beyond the share is drained (no longer read) and
 * released once nothing of it runs here. A partition whose renewal is refused, or whose lease this
 * worker could not renew in time, is lost: dropped at once and reported.
 */
final class PartitionLeases {
  private static final Logger log = LoggerFactory.getLogger(PartitionLeases.class);

  private static final String RENEW =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then\n"
          + "  return redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
          + "end\n"
          + "return 0\n";

  private static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end\n"
          + "return 0\n";

  private enum Phase {
    READING,
    DRAINING
  }

  /** An owned partition: whether it is read, and until when its lease holds (nanoTime). */
  private record Lease(Phase phase, long validUntil) {}

  private final RedisNames names;
  private final Duration lease;
  private final RedisClusterCommands<String, String> redis;
  private final IntConsumer onLost;
  private final Map<Integer, Lease> owned = new ConcurrentHashMap<>();
  private String workerId;

  /** {@code onLost} hears of each partition lost, on the thread that found out. */
  PartitionLeases(
      RedisNames names,
      Duration lease,
      RedisClusterCommands<String, String> redis,
      IntConsumer onLost) {
    this.names = names;
    this.lease = lease;
    this.redis = redis;
    this.onLost = onLost;
  }

  void join(String workerId) {
    this.workerId = workerId;
  }

  /** The heartbeat's renewal: this worker alive, and each owned partition still its own. */
  void renew() {
    long now = System.currentTimeMillis();
    redis.zadd(names.alive(), now + lease.toMillis(), workerId);
    redis.zremrangebyscore(names.alive(), Range.create(0, now));
    for (Integer p : List.copyOf(owned.keySet())) {
      long sent = System.nanoTime();
      Long kept =
          redis.eval(
              RENEW,
              ScriptOutputType.INTEGER,
              new String[] {names.owner(p)},
              workerId,
              Long.toString(lease.toMillis()));
      if (kept == null || kept == 0) {
        lose(p, "its lease ran out");
      } else {
        owned.computeIfPresent(p, (k, held) -> new Lease(held.phase(), sent + lease.toNanos()));
      }
    }
  }

  /** Drops {@code partition} if owned and tells {@code onLost}. */
  void lose(int partition, String why) {
    if (owned.remove(partition) != null) {
      log.warn("Worker {} lost partition {} ({})", workerId, partition, why);
      onLost.accept(partition);
    }
  }

  /** Whether {@code partition}'s lease still holds by the last renewal. */
  boolean holds(int partition) {
    Lease held = owned.get(partition);
    return held != null && System.nanoTime() - held.validUntil() < 0;
  }

  /** Whether {@code partition} is owned and read (not being drained). */
  boolean reading(int partition) {
    Lease held = owned.get(partition);
    return held != null && held.phase() == Phase.READING;
  }

  List<Integer> reading() {
    return inPhase(Phase.READING);
  }

  List<Integer> draining() {
    return inPhase(Phase.DRAINING);
  }

  /** Every owned partition. */
  List<Integer> owned() {
    return List.copyOf(owned.keySet());
  }

  private List<Integer> inPhase(Phase phase) {
    List<Integer> partitions = new ArrayList<>();
    owned.forEach(
        (p, held) -> {
          if (held.phase() == phase) {
            partitions.add(p);
          }
        });
    return partitions;
  }

  /** This worker's even share of the partitions, by the workers alive now. */
  int fairShare() {
    long live =
        Math.max(
            1,
            redis.zcount(
                names.alive(),
                Range.create((double) System.currentTimeMillis(), Double.POSITIVE_INFINITY)));
    return (int) Math.ceil(names.partitions() / (double) live);
  }

  /**
   * Starts draining the read partitions beyond {@code fair}, those with the fewest requests here
   * ({@code load}) first, so they are handed over soonest; returns them.
   */
  List<Integer> drainSurplus(int fair, IntUnaryOperator load) {
    List<Integer> reading = reading();
    int surplus = reading.size() - fair;
    if (surplus <= 0) {
      return List.of();
    }
    reading.sort(Comparator.comparingInt(load::applyAsInt));
    List<Integer> drained = List.copyOf(reading.subList(0, surplus));
    drained.forEach(
        p -> owned.computeIfPresent(p, (k, held) -> new Lease(Phase.DRAINING, held.validUntil())));
    log.info("Worker {} hands over partition(s) {} to share them out", workerId, drained);
    return drained;
  }

  /** Takes free partitions up to {@code fair} owned; returns the ones taken. */
  List<Integer> acquire(int fair) {
    List<Integer> taken = new ArrayList<>();
    int start = ThreadLocalRandom.current().nextInt(names.partitions());
    for (int i = 0; i < names.partitions() && owned.size() < fair; i++) {
      int p = (start + i) % names.partitions();
      if (owned.containsKey(p)) {
        continue;
      }
      long sent = System.nanoTime();
      String ok = redis.set(names.owner(p), workerId, SetArgs.Builder.nx().px(lease.toMillis()));
      if ("OK".equals(ok)) {
        owned.put(p, new Lease(Phase.READING, sent + lease.toNanos()));
        taken.add(p);
      }
    }
    return taken;
  }

  /** Gives {@code partition} back at once (if still this worker's). */
  void release(int partition) {
    owned.remove(partition);
    redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {names.owner(partition)}, workerId);
  }

  /** Leaves the alive set, so the others count one worker less. */
  void leave() {
    redis.zrem(names.alive(), workerId);
  }
}
