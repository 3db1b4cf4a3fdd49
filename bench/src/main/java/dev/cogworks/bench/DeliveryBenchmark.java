package dev.cogworks.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.sim.ratelimit.RouteLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
  private static final String MESSAGE_CREATE = "POST /channels/{channel_id}/messages";
  private static final String MESSAGE_EDIT = "PATCH /channels/{channel_id}/messages/{message_id}";

  private record Burst(String name, int channels, int perChannel) {
    /** The least wall time the limits allow: per-channel windows, or global seconds. */
    double minimumSeconds(RateLimitPolicy policy) {
      RouteLimit create = policy.forRoute(MESSAGE_CREATE);
      double windows = Math.ceil(perChannel / (double) create.limit()) - 1;
      double perChannelSeconds = windows * create.window().toMillis() / 1000.0;
      double globalSeconds =
          Math.ceil(channels * perChannel / (double) policy.globalPerSecond()) - 1;
      return Math.max(perChannelSeconds, globalSeconds);
    }
  }

  private static final Burst NARROW = new Burst("narrow", 20, 50);
  private static final Burst WIDE = new Burst("wide", 300, 5);

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
    row.put("wall_s", round(wall));
    row.put("minimum_s", round(minimum));
    row.put("efficiency", round(minimum / wall));
    row.put("rate_limited_429", env.sim.control().stats().totalRateLimited());
    row.put("p50_ms", round(p.at(50)));
    row.put("p99_ms", round(p.at(99)));
    row.put("delivered_in_order", inOrder);
    print(row);
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
    row.put("wall_s", round(wall));
    row.put("edit_calls", calls);
    row.put("naive_calls", 300);
    row.put("calls_vs_naive", round(calls / 300.0));
    row.put("final_content_right", finalRight);
    row.put("rate_limited_429", env.sim.control().stats().totalRateLimited());
    print(row);
  }

  /**
   * Sequential sends, 25 ms apart so neither Discord's limits nor the 50/s pacing applies: what the
   * mode itself adds.
   */
  private void latency(BenchEnvironment env) throws Exception {
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
    row.put("p50_ms", round(p.at(50)));
    row.put("p99_ms", round(p.at(99)));
    print(row);
  }

  private static void print(ObjectNode row) {
    StringBuilder line = new StringBuilder();
    row.fields()
        .forEachRemaining(
            e -> line.append(e.getKey()).append('=').append(e.getValue().asText()).append("  "));
    System.out.println(line.toString().trim());
    System.out.flush();
  }

  private static double round(double value) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3f", value));
  }
}
