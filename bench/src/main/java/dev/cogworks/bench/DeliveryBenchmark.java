package dev.cogworks.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.core.internal.runtime.RelayWorkerProcess;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.testkit.TestEngines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Delivery under Discord's real limits, measured in one run for plain JDA (the anchor) and each
 * Cogworks mode: a narrow burst bound by per-channel buckets, a wide burst bound by the global
 * limit, progress edits, and the latency each mode adds when nothing is rate-limited. Prints a
 * table and, last, one JSON line with every figure.
 */
final class DeliveryBenchmark {
  private static final String MESSAGE_EDIT = "PATCH /channels/{channel_id}/messages/{message_id}";

  private static final Burst NARROW = Burst.NARROW;
  private static final Burst WIDE = Burst.WIDE;

  private final ObjectMapper json = new ObjectMapper();
  private final ArrayNode rows = json.createArrayNode();

  void run() throws Exception {
    RateLimitPolicy discord = RateLimitPolicy.discordDefaults();
    SimOptions real = SimOptions.defaults().withRateLimits(discord);
    try (BenchEnvironment anchor = BenchEnvironment.plainJda(real)) {
      burst(anchor, NARROW, discord);
      burst(anchor, WIDE, discord);
      progressEdits(anchor);
    }
    for (String mode : List.of("direct", "in_process")) {
      try (BenchEnvironment env = BenchEnvironment.cogworks(mode, real)) {
        burst(env, NARROW, discord);
        burst(env, WIDE, discord);
        progressEdits(env);
      }
    }
    // Nothing rate-limited: buckets 1000x faster, so only the modes' own cost shows.
    SimOptions relaxed = SimOptions.defaults().withRateLimits(discord.scaled(0.001));
    for (String mode : List.of("direct", "in_process")) {
      try (BenchEnvironment env = BenchEnvironment.cogworks(mode, relaxed)) {
        latency(env);
      }
    }
    ObjectNode result = json.createObjectNode();
    result.put("benchmark", "delivery");
    result.set("rows", rows);
    System.out.println(json.writeValueAsString(result));
  }

  /**
   * The external gateway against direct, in one run: both bursts at Discord's limits with 1 and 3
   * workers on each engine; the latency added over direct when nothing is rate-limited; how long a
   * dead worker's requests wait before another takes them over; the workers' cache hit rates.
   */
  void runGateway(String part, String only) throws Exception {
    boolean all = part.equals("all");
    RateLimitPolicy discord = RateLimitPolicy.discordDefaults();
    SimOptions real = SimOptions.defaults().withRateLimits(discord);
    SimOptions relaxed = SimOptions.defaults().withRateLimits(discord.scaled(0.001));
    Map<String, String> engines = new LinkedHashMap<>();
    if (!only.equals("redis")) {
      engines.put("postgresql", TestEngines.postgresUrl());
    }
    if (!only.equals("postgresql")) {
      engines.put("redis", TestEngines.redisUri());
    }

    if (all || part.equals("latency")) {
      double[] direct;
      try (BenchEnvironment env = BenchEnvironment.cogworks("direct", relaxed)) {
        direct = latency(env, null);
      }
      for (var engine : engines.entrySet()) {
        try (BenchEnvironment env =
            BenchEnvironment.external(engine.getKey(), engine.getValue(), 1, relaxed)) {
          latency(env, direct);
        }
      }
    }
    if (all || part.equals("bursts")) {
      try (BenchEnvironment env = BenchEnvironment.cogworks("direct", real)) {
        burst(env, NARROW, discord);
        burst(env, WIDE, discord);
      }
      for (var engine : engines.entrySet()) {
        for (int workers : List.of(1, 3)) {
          try (BenchEnvironment env =
              BenchEnvironment.external(engine.getKey(), engine.getValue(), workers, real)) {
            burst(env, NARROW, discord);
            burst(env, WIDE, discord);
            cacheMix(env);
          }
        }
      }
    }
    if (all || part.equals("takeover")) {
      for (var engine : engines.entrySet()) {
        try (BenchEnvironment env =
            BenchEnvironment.external(engine.getKey(), engine.getValue(), 2, relaxed)) {
          takeover(env);
        }
      }
    }
    ObjectNode result = json.createObjectNode();
    result.put("benchmark", "gateway");
    result.set("rows", rows);
    System.out.println(json.writeValueAsString(result));
  }

  /**
   * A steady stream of sends with 2 workers; one is killed (its leases left to run out). The gap
   * until the next answer is how long its requests waited for another worker (lease = 5 s).
   */
  private void takeover(BenchEnvironment env) throws Exception {
    List<Long> channels = env.channels(4);
    Map<Long, List<Long>> done = new java.util.concurrent.ConcurrentHashMap<>();
    channels.forEach(c -> done.put(c, new CopyOnWriteArrayList<>()));
    List<CompletableFuture<?>> sends = new ArrayList<>();
    long crashAt = 0;
    for (int i = 0; i < 400; i++) {
      long channel = channels.get(i % channels.size());
      sends.add(
          env.sender
              .send(channel, "t" + i)
              .thenRun(() -> done.get(channel).add(System.nanoTime())));
      Thread.sleep(10);
      if (i == 100) {
        // Kill it while it holds a request, so something has to be taken over.
        var victim = env.harness.workers().get(0);
        while (victim.worker().inFlight() == 0) {
          Thread.onSpinWait();
        }
        crashAt = System.nanoTime();
        env.harness.crashWorker(victim);
      }
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    // A channel whose request the dead worker held hears nothing until another worker takes it
    // over: the longest wait, over the channels, for the first answer after the crash.
    long takeover = 0;
    for (List<Long> times : done.values()) {
      long since = crashAt;
      long first = times.stream().filter(t -> t > since).min(Long::compare).orElse(since);
      takeover = Math.max(takeover, first - crashAt);
    }
    long duplicates = 0;
    for (long channel : channels) {
      List<String> contents =
          env.sim.control().messages(channel).stream().map(m -> m.content).toList();
      duplicates += contents.size() - contents.stream().distinct().count();
    }
    ObjectNode row = rows.addObject();
    row.put("target", env.target);
    row.put("scenario", "worker killed mid-stream, 400 sends in 4 channels, lease 5 s");
    row.put("takeover_s", Rows.round(takeover / 1e9));
    row.put("delivered", sends.size());
    row.put("duplicates", duplicates);
    Rows.print(row);
  }

  /**
   * A markov/music-like mix through the workers: 10 progress messages edited 20 times each, 30
   * history fetches, 60 emoji fetches, then the progress messages deleted and edited once more (a
   * late update). Prints, for each cache, the lookups and the share answered without a call: emoji
   * fetches, and edits or deletes of deleted messages.
   */
  private void cacheMix(BenchEnvironment env) throws Exception {
    BenchCog cog = (BenchCog) env.sender;
    List<Long> channels = env.channels(10);
    // Cold: channels and messages new to every worker (the workers know the channels only from the
    // gateway's events). Warm: the same mix again, as a bot that has been running a while sees it.
    for (String phase : List.of("cold", "warm")) {
      Map<String, long[]> before = cacheTotals(env);
      List<Long> messages = new ArrayList<>();
      for (long channel : channels) {
        messages.add(cog.send(channel, "0%").get(1, TimeUnit.MINUTES));
      }
      List<CompletableFuture<?>> work = new ArrayList<>();
      for (int step = 1; step <= 20; step++) {
        for (int i = 0; i < channels.size(); i++) {
          work.add(cog.edit(channels.get(i), messages.get(i), (step * 5) + "%"));
        }
        if (step % 2 == 0) {
          for (int i = 0; i < 3; i++) {
            work.add(cog.history(channels.get((step + i) % channels.size()), 50));
          }
        }
        for (int i = 0; i < 3; i++) {
          work.add(cog.emojis(env.guild.id));
        }
      }
      CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
      for (int i = 0; i < channels.size(); i++) {
        cog.delete(channels.get(i), messages.get(i)).get(1, TimeUnit.MINUTES);
      }
      List<CompletableFuture<?>> late = new ArrayList<>();
      for (int i = 0; i < channels.size(); i++) {
        // Refused with 10008 either way; the cache only decides whether Discord is asked.
        late.add(cog.edit(channels.get(i), messages.get(i), "100%").exceptionally(e -> null));
      }
      CompletableFuture.allOf(late.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
      Map<String, long[]> totals = cacheTotals(env);
      ObjectNode row = rows.addObject();
      row.put("target", env.target);
      row.put(
          "scenario",
          "cache mix ("
              + phase
              + "): 200 progress edits, 30 history, 60 emojis, 10 deletes, 10 late edits");
      totals.forEach(
          (name, t) -> {
            long hits = t[0] - before.get(name)[0];
            long misses = t[1] - before.get(name)[1];
            row.put(name + "_lookups", hits + misses);
            if (hits + misses == 0) {
              row.putNull(name + "_hit_rate"); // not looked up at all: no rate to speak of
            } else {
              row.put(name + "_hit_rate", Rows.round(hits / (double) (hits + misses)));
            }
          });
      Rows.print(row);
    }
  }

  /** Hits and misses per cache, summed over the workers. */
  private static Map<String, long[]> cacheTotals(BenchEnvironment env) {
    Map<String, long[]> totals = new LinkedHashMap<>();
    for (RelayWorkerProcess worker : env.harness.workers()) {
      worker
          .worker()
          .caches()
          .stats()
          .forEach(
              (name, stats) -> {
                long[] t = totals.computeIfAbsent(name, n -> new long[2]);
                t[0] += stats.hitCount();
                t[1] += stats.missCount();
              });
    }
    return totals;
  }

  private void burst(BenchEnvironment env, Burst burst, RateLimitPolicy policy) throws Exception {
    List<Long> channels = env.channels(burst.channels());
    Thread.sleep(1100); // a fresh global window
    env.sim.control().resetStats();
    List<Double> latencies = new CopyOnWriteArrayList<>();
    List<CompletableFuture<?>> sends = new ArrayList<>();
    long start = System.nanoTime();
    for (int round = 0; round < burst.perChannel(); round++) {
      for (long channel : channels) {
        long submitted = System.nanoTime();
        sends.add(
            env.sender
                .send(channel, "m" + round)
                .thenRun(() -> latencies.add((System.nanoTime() - submitted) / 1e6)));
      }
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    double wall = (System.nanoTime() - start) / 1e9;
    double minimum = burst.minimumSeconds(policy);
    boolean inOrder = true;
    for (long channel : channels) {
      List<String> arrived =
          env.sim.control().messages(channel).stream().map(m -> m.content).toList();
      List<String> expected = new ArrayList<>();
      for (int round = 0; round < burst.perChannel(); round++) {
        expected.add("m" + round);
      }
      inOrder &= arrived.equals(expected);
    }
    Percentiles p = new Percentiles(latencies);
    ObjectNode row = rows.addObject();
    row.put("target", env.target);
    row.put("scenario", burst.name() + " " + burst.channels() + "x" + burst.perChannel());
    row.put("wall_s", Rows.round(wall));
    row.put("minimum_s", Rows.round(minimum));
    row.put("efficiency", Rows.round(minimum / wall));
    long limited = env.sim.control().stats().totalRateLimited();
    row.put("rate_limited_429", limited);
    if (limited > 0) {
      // Which limit was hit says which side to look at: global pacing or a channel's bucket.
      ObjectNode stats = env.sim.control().stats().toJson(0);
      row.put("429_by_scope", stats.get("rate_limited_by_scope").toString());
      row.put("429_by_route", stats.get("rate_limited_by_route").toString());
    }
    row.put("p50_ms", Rows.round(p.at(50)));
    row.put("p99_ms", Rows.round(p.at(99)));
    row.put("delivered_in_order", inOrder);
    Rows.print(row);
  }

  /** 10 messages, each edited 30 times as fast as a progress bar would: calls made vs naive. */
  private void progressEdits(BenchEnvironment env) throws Exception {
    List<Long> channels = env.channels(10);
    List<Long> messages = new ArrayList<>();
    for (long channel : channels) {
      messages.add(env.sender.send(channel, "step 0/30").get(1, TimeUnit.MINUTES));
    }
    Thread.sleep(1100);
    env.sim.control().resetStats();
    long start = System.nanoTime();
    List<CompletableFuture<?>> edits = new ArrayList<>();
    for (int step = 1; step <= 30; step++) {
      for (int i = 0; i < channels.size(); i++) {
        edits.add(env.sender.edit(channels.get(i), messages.get(i), "step " + step + "/30"));
      }
    }
    CompletableFuture.allOf(edits.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    double wall = (System.nanoTime() - start) / 1e9;
    long calls = env.sim.control().stats().requests(MESSAGE_EDIT);
    boolean finalRight =
        messages.stream()
            .allMatch(
                id ->
                    env.sim
                        .control()
                        .state()
                        .findMessage(id)
                        .orElseThrow()
                        .content
                        .equals("step 30/30"));
    ObjectNode row = rows.addObject();
    row.put("target", env.target);
    row.put("scenario", "progress edits 10x30");
    row.put("wall_s", Rows.round(wall));
    row.put("edit_calls", calls);
    row.put("naive_calls", 300);
    row.put("calls_vs_naive", Rows.round(calls / 300.0));
    row.put("final_content_right", finalRight);
    row.put("rate_limited_429", env.sim.control().stats().totalRateLimited());
    Rows.print(row);
  }

  /**
   * Sequential sends, 25 ms apart so neither Discord's limits nor the 50/s pacing applies: what the
   * mode itself adds.
   */
  private void latency(BenchEnvironment env) throws Exception {
    latency(env, null);
  }

  /** Returns {p50, p99}; with a {@code baseline}, also prints what this target adds to it. */
  private double[] latency(BenchEnvironment env, double[] baseline) throws Exception {
    long channel = env.channels(1).get(0);
    List<Double> latencies = new ArrayList<>();
    for (int i = 0; i < 230; i++) {
      long start = System.nanoTime();
      env.sender.send(channel, "ping " + i).get(1, TimeUnit.MINUTES);
      if (i >= 30) { // the first 30 warm up JIT and connections
        latencies.add((System.nanoTime() - start) / 1e6);
      }
      Thread.sleep(25);
    }
    Percentiles p = new Percentiles(latencies);
    ObjectNode row = rows.addObject();
    row.put("target", env.target);
    row.put("scenario", "latency, nothing rate-limited, 200 sends 25 ms apart");
    row.put("p50_ms", Rows.round(p.at(50)));
    row.put("p99_ms", Rows.round(p.at(99)));
    if (baseline != null) {
      row.put("added_p50_ms", Rows.round(p.at(50) - baseline[0]));
      row.put("added_p99_ms", Rows.round(p.at(99) - baseline[1]));
    }
    Rows.print(row);
    return new double[] {p.at(50), p.at(99)};
  }
}
