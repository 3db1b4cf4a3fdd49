package dev.cogworks.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.testkit.TestEngines;
import dev.cogworks.testkit.TestRedisCluster;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/bench.sh scale}: the multi-process deployment of {@code config/deploy} on loopback
 * ({@link ScaleDeployment}: bots for shards 0 and 1 of 2, three REST-only gateway workers, one
 * PostgreSQL for both bots) on a 3-master Redis Cluster, then on PostgreSQL, against the simulator
 * with Discord's limits. Per engine: the narrow and wide bursts split over both bots' guilds
 * (efficiency, 429s, order); the latency of a lone send; a worker killed with {@code kill -9}
 * mid-burst and, on Redis, a master killed mid-burst (accepted, delivered, lost, duplicated, how
 * long until every channel's sends flow again); the gateway sessions opened. Prints a table, then
 * one JSON line with every figure.
 */
final class ScaleBenchmark {
  /**
   * The sizes of a run: {@link #FULL} for {@code scripts/bench.sh scale}, {@link #SHORT} for {@code
   * mvn verify}. {@code chaosSends} per bot, one every {@value #CHAOS_INTERVAL_MS} ms, over {@code
   * chaosChannels} channels (half each bot's); the kill falls {@code killAfterMs} after both bots'
   * first sends reached the engine.
   */
  record Plan(
      String name,
      Burst narrow,
      Burst wide,
      int latencySends,
      int chaosSends,
      int chaosChannels,
      long killAfterMs,
      boolean directBaseline) {
    static final Plan FULL = new Plan("full", Burst.NARROW, Burst.WIDE, 230, 200, 20, 2_000, true);
    static final Plan SHORT =
        new Plan(
            "short",
            new Burst("narrow", 4, 10),
            new Burst("wide", 100, 1),
            0,
            100,
            8,
            1_500,
            false);
  }

  private static final int GUILDS_PER_SHARD = 2;

  /**
   * Two bots each sending every 50 ms stay under the global 50/s: a pause in a channel is then the
   * fault's doing, not the budget's.
   */
  private static final long CHAOS_INTERVAL_MS = 50;

  private static final int LATENCY_WARMUP = 30;
  private static final long LATENCY_INTERVAL_MS = 25;

  /** messaging.gateway.lease: a dead worker's requests are taken over after it. */
  private static final Duration LEASE = Duration.ofSeconds(5);

  private final Plan plan;
  private final ObjectMapper json = new ObjectMapper();
  private final List<ObjectNode> rows = new ArrayList<>();
  private final RateLimitPolicy discord = RateLimitPolicy.discordDefaults();

  /** Buckets 1000x faster, the global 50/s kept: only the deployment's own cost shows. */
  private final RateLimitPolicy relaxed = discord.scaled(0.001);

  private final List<List<SimGuild>> guilds = new ArrayList<>();
  private Path work;
  private DiscordSim sim;
  private EmbeddedPostgres postgres;
  private int channelCounter;
  private int cycleCounter;

  ScaleBenchmark(Plan plan) {
    this.plan = plan;
  }

  /** A run on each of {@code engines}, one after the other; prints the figures. */
  void run(List<String> engines) throws Exception {
    long start = System.nanoTime();
    measure(engines);
    ScaleReport.print(plan.name(), rows, (System.nanoTime() - start) / 1e9);
  }

  /** A run on each engine ({@code redis}: a 3-master cluster; {@code postgresql}); the rows. */
  List<ObjectNode> measure(List<String> engines) throws Exception {
    work = Files.createTempDirectory("cogworks-scale");
    sim =
        DiscordSim.start(
            SimOptions.defaults()
                .withRateLimits(discord)
                // Discord spaces IDENTIFYs 5 s apart; the bench does not wait for that.
                .withIdentifySpacing(Duration.ofMillis(100)));
    try {
      postgres = TestEngines.newPostgres(TestEngines.freePort(), work.resolve("pg"));
      for (int shard = 0; shard < ScaleDeployment.SHARDS; shard++) {
        List<SimGuild> onShard = new ArrayList<>();
        for (int g = 0; g < GUILDS_PER_SHARD; g++) {
          onShard.add(
              sim.control()
                  .createGuildOnShard(
                      "scale " + shard + "." + g, null, shard, ScaleDeployment.SHARDS));
        }
        guilds.add(onShard);
      }
      double[] direct = plan.directBaseline() ? directLatency() : null;
      for (String engine : engines) {
        engine(engine, direct);
      }
      return rows;
    } finally {
      if (postgres != null) {
        TestEngines.close(postgres);
      }
      sim.close();
      TempDirs.delete(work);
    }
  }

  private void engine(String engine, double[] direct) throws Exception {
    sim.setRateLimits(discord);
    String database = "scale_" + engine;
    createDatabase(database);
    List<List<Long>> narrow = channels(plan.narrow().channels(), engine + "-narrow");
    List<List<Long>> wide = channels(plan.wide().channels(), engine + "-wide");
    List<List<Long>> workerKill = channels(plan.chaosChannels(), engine + "-worker");
    List<List<Long>> failover = channels(plan.chaosChannels(), engine + "-failover");
    long latencyChannel = channels(ScaleDeployment.SHARDS, engine + "-latency").get(0).get(0);
    // An account of its own per engine (it joins every guild): Discord's limits start afresh.
    SimBot account = SandboxSeed.createBot(sim.control(), "Cogworks " + engine);
    TestRedisCluster cluster = engine.equals("redis") ? TestRedisCluster.start(3) : null;
    long sessionsBefore = sim.control().gateway().sessionsStarted();
    long started = System.nanoTime();
    try (ScaleDeployment deployment =
        ScaleDeployment.start(
            work,
            sim,
            engine,
            cluster == null ? null : cluster.uri(),
            databaseUrl(database),
            account.token)) {
      ObjectNode start = row(engine, "start (all 5 ready)");
      start.put("wall_s", Rows.round((System.nanoTime() - started) / 1e9));
      Rows.print(start);
      burst(deployment, engine, plan.narrow(), narrow);
      burst(deployment, engine, plan.wide(), wide);
      sim.setRateLimits(relaxed);
      if (plan.latencySends() > 0) {
        latency(deployment, engine, latencyChannel, direct);
      }
      ObjectNode killed =
          chaos(
              deployment,
              engine,
              "worker kill -9",
              workerKill,
              row -> {
                deployment.killWorker();
              });
      killed.put("worker_restart_s", Rows.round(deployment.awaitReplacement()));
      if (cluster != null) {
        String partition = "{scale_redis_requests:0}";
        int victim = cluster.masterOf(partition);
        chaos(
            deployment,
            engine,
            "master kill -9",
            failover,
            row -> {
              long killed9 = System.nanoTime();
              cluster.kill(victim);
              long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
              while (System.nanoTime() < deadline) {
                List<Integer> masters = cluster.masters();
                if (!masters.contains(victim) && masters.size() == 3) {
                  break;
                }
                Thread.sleep(50);
              }
              row.put("failover_s", Rows.round((System.nanoTime() - killed9) / 1e9));
            });
        // Back as the new master's replica, as a restarted node would come back.
        cluster.restart(victim);
        cluster.awaitHealthy();
      }
      ObjectNode sessions = row(engine, "gateway sessions");
      sessions.put("sessions_started", sim.control().gateway().sessionsStarted() - sessionsBefore);
      sessions.put("bots", ScaleDeployment.SHARDS);
      sessions.put("worker_processes_started", ScaleDeployment.WORKERS + 1);
      Rows.print(sessions);
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  /** The burst split over both bots: each sends to its own shard's channels, all at once. */
  private void burst(ScaleDeployment deployment, String engine, Burst burst, List<List<Long>> split)
      throws Exception {
    Thread.sleep(1100); // a fresh global window
    sim.control().resetStats();
    long start = System.currentTimeMillis();
    SplitBurst sends = tell(deployment, split, burst.perChannel(), 0);
    double minimum = burst.minimumSeconds(discord);
    sends.awaitDelivered(Duration.ofSeconds((long) (minimum * 3) + 60));
    SplitBurst.Tally tally = sends.tally();
    double wall = (tally.lastArrival() - start) / 1000.0;
    ObjectNode row = row(engine, burst.name() + " " + burst.channels() + "x" + burst.perChannel());
    tally.into(row);
    row.put("wall_s", Rows.round(wall));
    row.put("minimum_s", Rows.round(minimum));
    row.put("efficiency", Rows.round(minimum / wall));
    rateLimited(row);
    Rows.print(row);
  }

  /** The 429s the simulator answered since its stats were reset. */
  private void rateLimited(ObjectNode row) {
    long limited = sim.control().stats().totalRateLimited();
    row.put("rate_limited_429", limited);
    if (limited > 0) {
      ObjectNode stats = sim.control().stats().toJson(0);
      // Which limit was hit says which side to look at: the shared global budget or a bucket.
      row.put("429_by_scope", stats.get("rate_limited_by_scope").toString());
      row.put("429_by_route", stats.get("rate_limited_by_route").toString());
    }
  }

  /**
   * Lone sends from bot 0, nothing rate-limited: the time from the cog's send to its answer back in
   * the cog (through the engine, a worker, Discord and back), against the same in {@code direct}.
   */
  private void latency(ScaleDeployment deployment, String engine, long channel, double[] direct)
      throws Exception {
    sim.control().resetStats();
    double[] p = latency(deployment.bot(0), engine, channel);
    ObjectNode row = row(engine, "lone send latency");
    rateLimited(row);
    row.put("sends", plan.latencySends() - LATENCY_WARMUP);
    row.put("p50_ms", Rows.round(p[0]));
    row.put("p99_ms", Rows.round(p[1]));
    if (direct != null) {
      row.put("direct_p50_ms", Rows.round(direct[0]));
      row.put("direct_p99_ms", Rows.round(direct[1]));
      row.put("added_p50_ms", Rows.round(p[0] - direct[0]));
      row.put("added_p99_ms", Rows.round(p[1] - direct[1]));
    }
    Rows.print(row);
  }

  private double[] latency(ChildProcess bot, String name, long channel) throws Exception {
    bot.tell(
        "latency " + name + " " + plan.latencySends() + " " + LATENCY_INTERVAL_MS + " " + channel);
    Path file = work.resolve("latency-" + name + ".txt");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    List<Double> values = List.of();
    while (System.nanoTime() < deadline) {
      values =
          Files.exists(file)
              ? Files.readAllLines(file).stream()
                  .filter(l -> !l.isBlank())
                  .map(Double::valueOf)
                  .toList()
              : List.of();
      if (values.size() >= plan.latencySends()) {
        break;
      }
      Thread.sleep(200);
    }
    if (values.size() < plan.latencySends()) {
      throw new IllegalStateException("lone sends unfinished after 3 min: " + values.size());
    }
    // The first ones warm up JIT and connections.
    Percentiles p = new Percentiles(values.subList(LATENCY_WARMUP, values.size()));
    return new double[] {p.at(50), p.at(99)};
  }

  /** The same lone sends from a bot in {@code direct} mode, a process of its own on its own sim. */
  private double[] directLatency() throws Exception {
    try (DiscordSim alone = DiscordSim.start(SimOptions.defaults().withRateLimits(relaxed))) {
      SimGuild guild = alone.control().createGuild("direct", null);
      long channel = alone.control().createChannel(guild.id, "latency").id;
      SimBot account = SandboxSeed.createBot(alone.control(), "Cogworks direct");
      createDatabase("scale_direct");
      Path conf = work.resolve("direct.conf");
      Files.writeString(
          conf,
          "discord { rest_url = \""
              + alone.restBaseUrl()
              + "\", gateway_url = \""
              + alone.gatewayUrl()
              + "\" }\n"
              + "database { url = \""
              + databaseUrl("scale_direct")
              + "\", user = postgres }\n"
              + "admin.enabled = false\n"
              + "cogs.plugins_dir = \""
              + work.resolve("no-plugins")
              + "\"\n"
              + "messaging.mode = direct\n");
      ChildProcess bot =
          ChildProcess.start(
              List.of("bot", conf.toString(), work.toString()),
              work.resolve("direct-bot.log"),
              Map.of("DISCORD_TOKEN", account.token));
      try {
        bot.awaitReady(Duration.ofMinutes(2));
        // Once to warm up, as the deployment's bots are warm from their bursts by then.
        latency(bot, "direct-warmup", channel);
        return latency(bot, "direct", channel);
      } finally {
        bot.kill9();
      }
    }
  }

  /** Something done to the deployment mid-burst; it may add figures to the row. */
  private interface Fault {
    void strike(ObjectNode row) throws Exception;
  }

  /**
   * A paced burst from both bots, the fault struck {@code killAfterMs} into it; then every accepted
   * send is awaited (and, past the lease, any repeat). Recovery: the longest any channel went
   * without a new message after the fault.
   */
  private ObjectNode chaos(
      ScaleDeployment deployment, String engine, String fault, List<List<Long>> split, Fault strike)
      throws Exception {
    Thread.sleep(1100); // a fresh global window
    sim.control().resetStats();
    SplitBurst sends =
        tell(deployment, split, plan.chaosSends() / split.get(0).size(), CHAOS_INTERVAL_MS);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!sends.underWay() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(plan.killAfterMs());
    ObjectNode row = row(engine, fault);
    long struck = System.currentTimeMillis();
    strike.strike(row);
    sends.awaitDelivered(Duration.ofSeconds(60));
    // A request the dead worker had claimed runs again once its lease is over (found within a
    // third more): a duplicate would show only then.
    long tail = struck + LEASE.toMillis() + 3_000 - System.currentTimeMillis();
    if (tail > 0) {
      Thread.sleep(tail);
    }
    sends.tally().into(row);
    rateLimited(row);
    row.put("flowing_again_s", Rows.round(sends.flowingAgainMillis(struck) / 1000.0));
    Rows.print(row);
    return row;
  }

  private SplitBurst tell(
      ScaleDeployment deployment, List<List<Long>> split, int perChannel, long interval) {
    int first = cycleCounter + 1;
    cycleCounter += split.size();
    return SplitBurst.tell(deployment, sim.control(), work, first, split, perChannel, interval);
  }

  /** {@code count} new channels, half in each shard's guilds (round-robin over them). */
  private List<List<Long>> channels(int count, String tag) {
    List<List<Long>> split = new ArrayList<>();
    for (int shard = 0; shard < ScaleDeployment.SHARDS; shard++) {
      List<Long> ids = new ArrayList<>();
      List<SimGuild> onShard = guilds.get(shard);
      for (int i = 0; i < count / ScaleDeployment.SHARDS; i++) {
        long guild = onShard.get(i % onShard.size()).id;
        ids.add(sim.control().createChannel(guild, tag + "-" + (channelCounter++)).id);
      }
      split.add(ids);
    }
    return split;
  }

  private String databaseUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
  }

  private void createDatabase(String name) throws Exception {
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
  }

  private ObjectNode row(String engine, String phase) {
    ObjectNode row = json.createObjectNode();
    row.put("engine", engine.equals("redis") ? "redis cluster" : engine);
    row.put("phase", phase);
    rows.add(row);
    return row;
  }
}
