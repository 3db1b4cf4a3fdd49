package dev.cogworks.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.SimMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One burst told to every bot process of a {@link ScaleDeployment} at once, each sending to its own
 * shard's channels (a {@link ChaosProcess} burst each, a cycle number each), and what it came to,
 * counted as {@link KillBenchmark} counts: accepted, delivered, lost, duplicated, order per
 * channel.
 */
final class SplitBurst {
  private final SimControl sim;
  private final Path dir;
  private final int[] cycles;
  private final List<List<Long>> channels;
  private final int perBot;

  private SplitBurst(
      SimControl sim, Path dir, int[] cycles, List<List<Long>> channels, int perBot) {
    this.sim = sim;
    this.dir = dir;
    this.cycles = cycles;
    this.channels = channels;
    this.perBot = perBot;
  }

  /**
   * Tells bot {@code shard} to send {@code perChannel} messages in each of {@code
   * channels.get(shard)}, one every {@code interval} ms (0: all at once), numbering the cycles from
   * {@code firstCycle}.
   */
  static SplitBurst tell(
      ScaleDeployment deployment,
      SimControl sim,
      Path dir,
      int firstCycle,
      List<List<Long>> channels,
      int perChannel,
      long interval) {
    int[] cycles = new int[channels.size()];
    for (int shard = 0; shard < channels.size(); shard++) {
      cycles[shard] = firstCycle + shard;
      List<Long> own = channels.get(shard);
      deployment
          .bot(shard)
          .tell(
              "burst "
                  + cycles[shard]
                  + " "
                  + perChannel * own.size()
                  + " "
                  + interval
                  + " "
                  + own.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
    return new SplitBurst(sim, dir, cycles, channels, perChannel * channels.get(0).size());
  }

  /** Whether every bot's first send is in the engine yet. */
  boolean underWay() {
    for (int cycle : cycles) {
      if (BurstLedger.last(BurstLedger.acked(dir, cycle)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Until each bot took all its sends and every one taken arrived, or the patience ran out. */
  void awaitDelivered(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      boolean done = true;
      for (int shard = 0; shard < cycles.length && done; shard++) {
        List<Integer> taken = BurstLedger.lines(BurstLedger.accepted(dir, cycles[shard]));
        done =
            taken.size() == perBot
                && BurstLedger.seen(sim, channels.get(shard), cycles[shard])
                    .keySet()
                    .containsAll(taken);
      }
      if (done) {
        return;
      }
      Thread.sleep(200);
    }
  }

  /** What every bot's cycle came to. */
  record Tally(
      int accepted, int delivered, int lost, int duplicated, boolean inOrder, long lastArrival) {
    void into(ObjectNode row) {
      row.put("accepted", accepted);
      row.put("delivered", delivered);
      row.put("lost", lost);
      row.put("duplicated", duplicated);
      row.put("in_order", inOrder);
    }
  }

  Tally tally() {
    int accepted = 0;
    int delivered = 0;
    int lost = 0;
    int duplicated = 0;
    boolean inOrder = true;
    long lastArrival = 0;
    for (int shard = 0; shard < cycles.length; shard++) {
      List<Integer> taken = BurstLedger.lines(BurstLedger.accepted(dir, cycles[shard]));
      Map<Integer, Integer> seen = BurstLedger.seen(sim, channels.get(shard), cycles[shard]);
      accepted += taken.size();
      for (int number : taken) {
        if (seen.getOrDefault(number, 0) == 0) {
          lost++;
        } else {
          delivered++;
        }
      }
      duplicated += (int) seen.values().stream().filter(n -> n > 1).count();
      for (long channel : channels.get(shard)) {
        int previous = -1;
        for (SimMessage message : BurstLedger.messages(sim, channel, cycles[shard])) {
          int number = BurstLedger.number(message, cycles[shard]);
          inOrder &= number > previous;
          previous = number;
          lastArrival = Math.max(lastArrival, message.createdAt().toEpochMilli());
        }
      }
    }
    return new Tally(accepted, delivered, lost, duplicated, inOrder, lastArrival);
  }

  /**
   * The longest any channel went, from {@code since} (epoch ms), without a new message of the
   * burst: when every channel's sends flowed again.
   */
  long flowingAgainMillis(long since) {
    long longest = 0;
    for (int shard = 0; shard < cycles.length; shard++) {
      for (long channel : channels.get(shard)) {
        long first =
            BurstLedger.messages(sim, channel, cycles[shard]).stream()
                .mapToLong(m -> m.createdAt().toEpochMilli())
                .filter(t -> t >= since)
                .min()
                .orElse(since);
        longest = Math.max(longest, first - since);
      }
    }
    return longest;
  }
}
