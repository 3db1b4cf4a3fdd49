package dev.cogworks.bench;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.TestClock;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.testkit.TestEngines;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import redis.embedded.RedisServer;

/**
 * {@code scripts/chaos.sh kills [CYCLES]}: the bot and its gateway workers as real processes,
 * killed with {@code kill -9} in the middle of a burst. The bench runs the simulator (Discord's
 * real limits), an embedded PostgreSQL (the bot's database, and the PostgreSQL engine) and a
 * redis-server with an append-only file; they outlive every kill.
 *
 * <p>A cycle: the bot is told (on its stdin) to send {@value #SENDS} numbered messages over {@value
 * #CHANNELS} channels, one every {@value #INTERVAL_MS} ms, and records each send its MessagingQueue
 * took; at a random point of the burst it is killed, then started again, and what can still arrive
 * is awaited. Counted per send: accepted (taken by the queue), acknowledged (in {@code
 * external_gateway}: in the engine), delivered (its text in the channel), lost (accepted, never
 * delivered), duplicated (delivered twice). "In memory at the kill" is accepted minus
 * delivered-or-kept when the process died (kept: in the engine), read right after the kill: the
 * most a mode without a store can lose. Worker cycles kill one of two gateway workers instead (the
 * bot stays up) and start it again at once.
 */
final class KillBenchmark {
  static final int CHANNELS = 10;
  static final int SENDS = 80;
  static final long INTERVAL_MS = 20;

  /**
   * The kill falls at random from 0.3 s after the burst's first send was taken (so that every cycle
   * has sent something) to {@link #killMaxMs}: by default well after its last submission (1.6 s
   * in), while Discord's limits still hold the tail of each channel (up to 5 s).
   */
  private static final long KILL_MIN_MS = 300;

  private final long killMaxMs;

  /** Kills fall up to 3 s after a burst's first send. */
  KillBenchmark() {
    this(3_000);
  }

  /** Kills fall up to {@code killMaxMs} into a burst (the short version: sooner). */
  KillBenchmark(long killMaxMs) {
    this.killMaxMs = killMaxMs;
  }

  private static final Duration READY = Duration.ofSeconds(90);

  static String text(int cycle, int i) {
    return "kill c" + cycle + " #" + i;
  }

  record Row(
      String target,
      String killed,
      int cycles,
      int accepted,
      int acknowledged,
      int delivered,
      int inMemoryAtKill,
      int lost,
      int lostAcknowledged,
      int duplicated,
      long nonceReplays,
      double restartSeconds,
      double seconds) {}

  private final List<Row> rows = new ArrayList<>();
  private Path work;
  private DiscordSim sim;
  private TestClock clock;
  private SimGuild guild;
  private EmbeddedPostgres postgres;
  private RedisServer redis;
  private int redisPort;
  private final AtomicInteger cycleCounter = new AtomicInteger();
  private final AtomicInteger processCounter = new AtomicInteger();

  /** One mode's bot account, channels and database. */
  private record Target(String mode, SimBot account, List<Long> channels, String database) {}

  /** Every mode, {@code cycles} kills each; prints the figures; true if the targets were met. */
  boolean run(int cycles) throws Exception {
    run(
        List.of("direct", "in_process", "postgresql", "redis"),
        cycles,
        cycles,
        List.of("postgresql", "redis"));
    return print();
  }

  /**
   * Kill cycles for each of {@code modes} ({@code direct}, {@code in_process}, or an engine name
   * for {@code external_gateway}), one mode after another so that their figures do not share the
   * machine: {@code botKills} of the bot, then, on the engines in {@code workerKillsOn}, {@code
   * workerKills} of one of its two gateway worker processes (elsewhere one worker runs).
   */
  List<Row> run(List<String> modes, int botKills, int workerKills, List<String> workerKillsOn)
      throws Exception {
    work = Files.createTempDirectory("cogworks-kills");
    clock = TestClock.ticking();
    sim =
        DiscordSim.start(
            SimOptions.defaults().withClock(clock).withIdentifySpacing(Duration.ofMillis(100)));
    try {
      guild = SandboxSeed.apply(sim.control());
      postgres = TestEngines.newPostgres(TestEngines.freePort(), work.resolve("pg"));
      redisPort = TestEngines.freePort();
      Files.createDirectories(work.resolve("redis"));
      redis = TestEngines.newRedis(redisPort, work.resolve("redis"));
      for (String mode : modes) {
        boolean killWorkers = workerKillsOn.contains(mode);
        rows.addAll(
            cycles(target(mode), botKills, killWorkers ? workerKills : 0, killWorkers ? 2 : 1));
      }
      return rows;
    } finally {
      if (redis != null) {
        TestEngines.stop(redis);
      }
      if (postgres != null) {
        TestEngines.close(postgres);
      }
      sim.close();
      TempDirs.delete(work);
    }
  }

  private Target target(String mode) throws Exception {
    // A bot account of its own per mode: Discord's limits (the member-list window included) start
    // afresh, and the channels are the mode's alone.
    SimBot account = SandboxSeed.createBot(sim.control(), "Cogworks " + mode);
    List<Long> channels = new ArrayList<>();
    for (int i = 0; i < CHANNELS; i++) {
      channels.add(sim.control().createChannel(guild.id, "kill-" + mode + "-" + i).id);
    }
    String database = "kill_" + mode;
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    return new Target(mode, account, channels, database);
  }

  /** What one cycle left to count: its number and what was in memory at the kill. */
  private record Cycle(int number, int inMemoryAtKill) {}

  private List<Row> cycles(Target target, int botKills, int workerKills, int workerCount)
      throws Exception {
    String mode = target.mode();
    Random random = new Random();
    boolean external = mode.equals("postgresql") || mode.equals("redis");
    Path conf = work.resolve(mode + ".conf");
    Files.writeString(conf, config(target));
    List<ChildProcess> workers = new ArrayList<>();
    ChildProcess bot = null;
    List<Row> result = new ArrayList<>();
    try {
      long start = System.nanoTime();
      if (external) {
        for (int i = 0; i < workerCount; i++) {
          workers.add(process(target, "worker", conf));
        }
      }
      // Each bot start asks for the guild's member list, which Discord gives once per 30 s: the
      // simulator's clock moves on as if the bot had been away that long (BotHarness does too).
      clock.advance(Duration.ofSeconds(31));
      bot = process(target, "bot", conf);
      bot.awaitReady(READY);
      for (ChildProcess worker : workers) {
        worker.awaitReady(READY);
      }

      long replaysBefore = sim.control().stats().nonceReplays();
      List<Cycle> cycles = new ArrayList<>();
      List<Double> restarts = new ArrayList<>();
      for (int c = 0; c < botKills; c++) {
        int cycle = burst(target, bot, random);
        bot.kill9();
        // A request the process wrote before it died may still be read by the simulator.
        Thread.sleep(300);
        int taken = lines(accepted(cycle)).size();
        int kept = external ? last(acked(cycle)) : 0;
        int shown = seen(target, cycle).size();
        cycles.add(new Cycle(cycle, Math.max(0, taken - Math.max(kept, shown))));
        clock.advance(Duration.ofSeconds(31));
        bot = process(target, "bot", conf);
        restarts.add(bot.awaitReady(READY).toMillis() / 1000.0);
        settle(target, cycle, true, external);
      }
      result.add(
          row(target, "bot", cycles, replaysBefore, restarts, (System.nanoTime() - start) / 1e9));

      if (external && workerKills > 0) {
        start = System.nanoTime();
        replaysBefore = sim.control().stats().nonceReplays();
        cycles = new ArrayList<>();
        restarts = new ArrayList<>();
        long lastKill = 0;
        ChildProcess replacement = null;
        for (int c = 0; c < workerKills; c++) {
          int cycle = burst(target, bot, random);
          if (replacement != null) {
            // Started during the last cycle; it must be up before the other one dies.
            restarts.add(replacement.awaitReady(READY).toMillis() / 1000.0);
          }
          workers.remove(0).kill9(); // the oldest: each dies in turn
          lastKill = System.nanoTime();
          replacement = process(target, "worker", conf);
          workers.add(replacement);
          settle(target, cycle, false, true);
          cycles.add(new Cycle(cycle, 0)); // the bot lives on: it publishes all it holds
        }
        if (replacement != null) {
          restarts.add(replacement.awaitReady(READY).toMillis() / 1000.0);
        }
        // A request the dead worker had claimed runs again once its lease is over (5 s, found
        // within a third more): a duplicate would show only then.
        long tail = lastKill + Duration.ofSeconds(8).toNanos() - System.nanoTime();
        if (tail > 0) {
          Thread.sleep(tail / 1_000_000);
        }
        result.add(
            row(
                target,
                "a worker",
                cycles,
                replaysBefore,
                restarts,
                (System.nanoTime() - start) / 1e9));
      }
      return result;
    } finally {
      if (bot != null) {
        bot.kill9();
      }
      for (ChildProcess worker : workers) {
        worker.kill9();
      }
    }
  }

  /**
   * Starts a burst and returns its cycle number once it is under way (its first send taken), after
   * a random further wait: the moment to kill.
   */
  private int burst(Target target, ChildProcess bot, Random random) throws InterruptedException {
    int cycle = cycleCounter.incrementAndGet();
    bot.tell(
        "burst "
            + cycle
            + " "
            + SENDS
            + " "
            + INTERVAL_MS
            + " "
            + target.channels().stream().map(String::valueOf).collect(Collectors.joining(",")));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (lines(accepted(cycle)).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    boolean external = !target.mode().equals("direct") && !target.mode().equals("in_process");
    // On a loaded machine the first publish can lag the first acceptance by more than the
    // shortest kill delay; a kill before anything reached the engine would test nothing there.
    while (external && last(acked(cycle)) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(KILL_MIN_MS + random.nextLong(killMaxMs - KILL_MIN_MS));
    return cycle;
  }

  private Path accepted(int cycle) {
    return BurstLedger.accepted(work, cycle);
  }

  private Path acked(int cycle) {
    return BurstLedger.acked(work, cycle);
  }

  private Row row(
      Target target,
      String killed,
      List<Cycle> cycles,
      long replaysBefore,
      List<Double> restarts,
      double seconds) {
    boolean external = !target.mode().equals("direct") && !target.mode().equals("in_process");
    int accepted = 0;
    int acknowledged = 0;
    int delivered = 0;
    int inMemory = 0;
    int lost = 0;
    int lostAcknowledged = 0;
    int duplicated = 0;
    for (Cycle cycle : cycles) {
      List<Integer> taken = lines(accepted(cycle.number()));
      int acked = external ? last(acked(cycle.number())) : 0;
      Map<Integer, Integer> seen = seen(target, cycle.number());
      accepted += taken.size();
      acknowledged += acked;
      inMemory += cycle.inMemoryAtKill();
      for (int k = 0; k < taken.size(); k++) {
        if (seen.getOrDefault(taken.get(k), 0) == 0) {
          lost++;
          if (k < acked) {
            lostAcknowledged++;
          }
        } else {
          delivered++;
        }
      }
      duplicated += (int) seen.values().stream().filter(n -> n > 1).count();
    }
    return new Row(
        external ? "external_gateway " + target.mode() : target.mode(),
        killed,
        cycles.size(),
        accepted,
        acknowledged,
        delivered,
        inMemory,
        lost,
        lostAcknowledged,
        duplicated,
        sim.control().stats().nonceReplays() - replaysBefore,
        restarts.isEmpty() ? 0 : median(restarts),
        seconds);
  }

  /**
   * Waits until what can still arrive has: after a bot kill, nothing in {@code direct} and {@code
   * in_process} (the restarted bot kept nothing), every acknowledged send in {@code
   * external_gateway}; after a worker kill (the bot lives on), every accepted send of the whole
   * burst. Gives up after 40 s (what is missing then is counted lost).
   */
  private void settle(Target target, int cycle, boolean botKilled, boolean external)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (System.nanoTime() < deadline) {
      List<Integer> taken = lines(accepted(cycle));
      Map<Integer, Integer> seen = seen(target, cycle);
      List<Integer> due;
      if (botKilled) {
        int acked = external ? last(acked(cycle)) : 0;
        due = taken.subList(0, Math.min(acked, taken.size()));
      } else {
        boolean burstOver = !taken.isEmpty() && taken.get(taken.size() - 1) == SENDS - 1;
        due = burstOver ? taken : null;
      }
      if (due != null && seen.keySet().containsAll(due)) {
        return;
      }
      Thread.sleep(100);
    }
  }

  /** Per send number of the cycle, how many times its text is in the channels. */
  private Map<Integer, Integer> seen(Target target, int cycle) {
    return BurstLedger.seen(sim.control(), target.channels(), cycle);
  }

  private ChildProcess process(Target target, String role, Path conf) {
    Path log =
        work.resolve(target.mode() + "-" + role + "-" + processCounter.incrementAndGet() + ".log");
    List<String> args =
        role.equals("bot")
            ? List.of("bot", conf.toString(), work.toString())
            : List.of("worker", conf.toString());
    return ChildProcess.start(args, log, Map.of("DISCORD_TOKEN", target.account().token));
  }

  private String config(Target target) {
    String mode = target.mode();
    StringBuilder conf = new StringBuilder();
    conf.append("discord { rest_url = \"")
        .append(sim.restBaseUrl())
        .append("\", gateway_url = \"")
        .append(sim.gatewayUrl())
        .append("\" }\n");
    conf.append("database { url = \"jdbc:postgresql://127.0.0.1:")
        .append(postgres.getPort())
        .append('/')
        .append(target.database())
        .append("\", user = postgres }\n");
    conf.append("admin.enabled = false\n");
    conf.append("cogs.plugins_dir = \"").append(work.resolve("no-plugins")).append("\"\n");
    conf.append("shutdown.deadline = 5s\n");
    switch (mode) {
      case "direct", "in_process" -> conf.append("messaging.mode = ").append(mode).append('\n');
      default -> {
        String queue = "kill_" + mode;
        conf.append("messaging.mode = external_gateway\n");
        conf.append("messaging.gateway { queue_type = ").append(mode);
        conf.append(", request_queue = ").append(queue).append("_requests");
        conf.append(", response_queue = ").append(queue).append("_responses");
        if (mode.equals("redis")) {
          conf.append(", redis.uri = \"redis://127.0.0.1:").append(redisPort).append('"');
        } else {
          conf.append(", postgresql { url = \"")
              .append(TestEngines.jdbcUrl(postgres.getPort()))
              .append("\", user = postgres }");
        }
        conf.append(" }\n");
      }
    }
    return conf.toString();
  }

  private static List<Integer> lines(Path file) {
    return BurstLedger.lines(file);
  }

  private static int last(Path file) {
    return BurstLedger.last(file);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private boolean print() {
    System.out.printf(
        Locale.ROOT,
        "Kill -9 cycles: %d sends (%d channels, one every %d ms) per cycle, killed %d-%d ms after"
            + " its first send was taken; Discord's real limits; 2 gateway worker processes%n",
        SENDS,
        CHANNELS,
        INTERVAL_MS,
        KILL_MIN_MS,
        killMaxMs);
    String header = "%-30s %-8s %6s %8s %6s %9s %9s %5s %9s %4s %7s %8s %6s%n";
    System.out.printf(
        Locale.ROOT,
        header,
        "target",
        "killed",
        "cycles",
        "accepted",
        "acked",
        "delivered",
        "in memory",
        "lost",
        "lost acked",
        "dup",
        "nonce",
        "restart",
        "s");
    StringBuilder json = new StringBuilder("{\"benchmark\":\"kills\",\"rows\":[");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      System.out.printf(
          Locale.ROOT,
          "%-30s %-8s %6d %8d %6d %9d %9d %5d %10d %4d %7d %7.1fs %6.0f%n",
          r.target(),
          r.killed(),
          r.cycles(),
          r.accepted(),
          r.acknowledged(),
          r.delivered(),
          r.inMemoryAtKill(),
          r.lost(),
          r.lostAcknowledged(),
          r.duplicated(),
          r.nonceReplays(),
          r.restartSeconds(),
          r.seconds());
      json.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"target\":\"%s\",\"killed\":\"%s\",\"cycles\":%d,\"accepted\":%d,"
                      + "\"acknowledged\":%d,\"delivered\":%d,\"in_memory_at_kill\":%d,"
                      + "\"lost\":%d,\"lost_acknowledged\":%d,\"duplicated\":%d,"
                      + "\"nonce_replays\":%d,\"restart_seconds\":%.2f,\"seconds\":%.1f}",
                  r.target(),
                  r.killed(),
                  r.cycles(),
                  r.accepted(),
                  r.acknowledged(),
                  r.delivered(),
                  r.inMemoryAtKill(),
                  r.lost(),
                  r.lostAcknowledged(),
                  r.duplicated(),
                  r.nonceReplays(),
                  r.restartSeconds(),
                  r.seconds()));
    }
    // With messaging.gateway.acknowledge = engine (the default) a send is accepted only once the
    // engine holds it, so every accepted send counts, not only those the engine had acknowledged.
    int externalLost =
        rows.stream().filter(r -> r.target().startsWith("external")).mapToInt(Row::lost).sum();
    int duplicated = rows.stream().mapToInt(Row::duplicated).sum();
    boolean withinMemory =
        rows.stream()
            .filter(r -> !r.target().startsWith("external"))
            .allMatch(r -> r.lost() <= r.inMemoryAtKill());
    System.out.printf(
        Locale.ROOT,
        "Targets: external_gateway 0 accepted lost (%d), 0 duplicated anywhere (%d);"
            + " direct and in_process lose at most what was in memory at the kill (%s)%n",
        externalLost,
        duplicated,
        withinMemory ? "yes" : "NO");
    json.append(
        String.format(
            Locale.ROOT,
            "],\"external_lost\":%d,\"duplicated\":%d,\"lost_within_memory\":%b}",
            externalLost,
            duplicated,
            withinMemory));
    System.out.println(json);
    return externalLost == 0 && duplicated == 0 && withinMemory;
  }
}
