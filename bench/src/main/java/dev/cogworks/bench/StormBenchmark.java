package dev.cogworks.bench;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.ratelimit.RateLimitDecision;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.testkit.TestEngines;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code scripts/chaos.sh storms}: Discord misbehaving while a burst is sent, in every mode. Each
 * storm starts, a burst of {@value #PER_CHANNEL} sends in each of {@value #CHANNELS} channels is
 * submitted, the storm lasts {@value #STORM_SECONDS} s and clears, and every send is awaited. A
 * send is delivered when its text is in the simulator exactly once; dead-lettered when its future
 * failed (the dead-letter store has it); lost when it is neither; duplicated when its text is there
 * twice. A dead letter is not lost (the store has it; the monitor retries it), but it is not
 * delivered either: the outage row shows what {@code messaging.retry.attempts} decides. Invalid
 * requests (401, 403, non-shared 429 — the forced ones included, as Discord counts them) are
 * compared with Discord's 10,000 per 10 minutes. Prints a table, then one JSON line.
 */
final class StormBenchmark {
  static final int CHANNELS = 10;
  static final int PER_CHANNEL = 8;
  static final int STORM_SECONDS = 8;
  private static final String MESSAGE_CREATE = "POST /channels/{channel_id}/messages";

  private record Storm(String name, Consumer<DiscordSim> start) {}

  private record Row(
      String target,
      String storm,
      int accepted,
      int delivered,
      int deadLettered,
      int lost,
      int duplicated,
      int invalid,
      double seconds) {}

  private static final List<Storm> STORMS =
      List.of(
          new Storm(
              "5xx on 30% of requests",
              sim -> sim.control().faults().add(new Fault.ServerError(null, 502, 0.3, 0))),
          new Storm(
              "outage: every request 502",
              sim ->
                  sim.control()
                      .faults()
                      .add(new Fault.ServerError(null, 502, 0, Integer.MAX_VALUE))),
          new Storm(
              "429 bucket (40 forced)",
              sim ->
                  sim.control()
                      .faults()
                      .add(
                          new Fault.ForcedRateLimit(
                              MESSAGE_CREATE, RateLimitDecision.Scope.USER, 1_500, 40))),
          new Storm(
              "429 global (20 forced)",
              sim ->
                  sim.control()
                      .faults()
                      .add(
                          new Fault.ForcedRateLimit(
                              null, RateLimitDecision.Scope.GLOBAL, 1_000, 20))),
          new Storm(
              "slow: every answer 1.5 s late",
              sim -> sim.control().faults().add(new Fault.Latency(null, 1_500))),
          new Storm(
              "gateway resets and invalid sessions",
              sim -> {
                // Within the storm's 8 s, so none of it spills into the next storm.
                sim.control().gateway().dropConnections();
                CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS)
                    .execute(() -> sim.control().gateway().invalidateSessions(true));
                CompletableFuture.delayedExecutor(4, TimeUnit.SECONDS)
                    .execute(() -> sim.control().gateway().requestReconnect());
                CompletableFuture.delayedExecutor(6, TimeUnit.SECONDS)
                    .execute(() -> sim.control().gateway().invalidateSessions(false));
              }));

  private final List<Row> rows = new ArrayList<>();

  void run() throws Exception {
    SimOptions real = SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults());
    for (String mode : List.of("direct", "in_process")) {
      try (BenchEnvironment env = BenchEnvironment.cogworks(mode, real)) {
        storms(env, mode);
      }
    }
    Map<String, String> engines = Map.of("postgresql", TestEngines.postgresUrl());
    engines = new java.util.LinkedHashMap<>(engines);
    engines.put("redis", TestEngines.redisUri());
    for (var engine : engines.entrySet()) {
      try (BenchEnvironment env =
          BenchEnvironment.external(engine.getKey(), engine.getValue(), 2, real)) {
        storms(env, "external_gateway " + engine.getKey() + " x2");
      }
    }
    print();
  }

  private void storms(BenchEnvironment env, String target) throws Exception {
    for (Storm storm : STORMS) {
      rows.add(storm(env, target, storm));
    }
  }

  private Row storm(BenchEnvironment env, String target, Storm storm) throws Exception {
    List<Long> channels = env.channels(CHANNELS);
    int invalidBefore = env.sim.control().invalidRequests();
    long start = System.nanoTime();
    storm.start().accept(env.sim);
    // The storm ends here, and the next one starts only after: an early clear would cut it short.
    CompletableFuture<Void> over =
        CompletableFuture.runAsync(
            () -> env.sim.control().clearFaults(),
            CompletableFuture.delayedExecutor(STORM_SECONDS, TimeUnit.SECONDS));
    Map<String, CompletableFuture<Long>> sends = new HashMap<>();
    for (int i = 0; i < PER_CHANNEL; i++) {
      for (long channel : channels) {
        String text = "storm " + storm.name().hashCode() + " " + channel + " #" + i;
        sends.put(text, env.sender.send(channel, text));
      }
    }
    int accepted = 0;
    int failed = 0;
    for (CompletableFuture<Long> send : sends.values()) {
      try {
        send.get(180, TimeUnit.SECONDS);
        accepted++;
      } catch (ExecutionException e) {
        accepted++;
        failed++;
      } catch (TimeoutException e) {
        accepted++; // never settled: counted lost below unless Discord shows it
      }
    }
    over.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Integer> seen = new HashMap<>();
    for (long channel : channels) {
      for (SimMessage message : env.sim.control().messages(channel)) {
        if (sends.containsKey(message.content)) {
          seen.merge(message.content, 1, Integer::sum);
        }
      }
    }
    int delivered = seen.size();
    int duplicated = (int) seen.values().stream().filter(n -> n > 1).count();
    // A failed send that Discord shows anyway is delivered (the failure was only the answer's).
    int deadLettered = failed - (int) failedButShown(sends, seen);
    // Not shown and not failed (still unsettled, or answered without a message): lost.
    int lost = accepted - delivered - deadLettered;
    int invalid = env.sim.control().invalidRequests() - invalidBefore;
    return new Row(
        target,
        storm.name(),
        accepted,
        delivered,
        deadLettered,
        Math.max(0, lost),
        duplicated,
        invalid,
        seconds);
  }

  private static long failedButShown(
      Map<String, CompletableFuture<Long>> sends, Map<String, Integer> seen) {
    return sends.entrySet().stream()
        .filter(e -> e.getValue().isCompletedExceptionally() && seen.containsKey(e.getKey()))
        .count();
  }

  private void print() {
    System.out.printf(
        Locale.ROOT,
        "Storms: %d sends (%d channels x %d) per storm, each storm %d s, Discord's real limits%n",
        CHANNELS * PER_CHANNEL,
        CHANNELS,
        PER_CHANNEL,
        STORM_SECONDS);
    System.out.printf(
        Locale.ROOT,
        "%-34s %-36s %8s %9s %6s %5s %5s %8s %7s%n",
        "target",
        "storm",
        "accepted",
        "delivered",
        "dead",
        "lost",
        "dup",
        "invalid",
        "s");
    StringBuilder json = new StringBuilder("{\"benchmark\":\"storms\",\"rows\":[");
    int totalLost = 0;
    int totalDuplicated = 0;
    int maxInvalid = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      Object[] values = {
        r.target(),
        r.storm(),
        r.accepted(),
        r.delivered(),
        r.deadLettered(),
        r.lost(),
        r.duplicated(),
        r.invalid(),
        r.seconds()
      };
      System.out.printf(Locale.ROOT, "%-34s %-36s %8d %9d %6d %5d %5d %8d %7.1f%n", values);
      totalLost += r.lost();
      totalDuplicated += r.duplicated();
      maxInvalid = Math.max(maxInvalid, r.invalid());
      json.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"target\":\"%s\",\"storm\":\"%s\",\"accepted\":%d,\"delivered\":%d,"
                      + "\"dead_lettered\":%d,\"lost\":%d,\"duplicated\":%d,\"invalid\":%d,"
                      + "\"seconds\":%.1f}",
                  values));
    }
    System.out.printf(
        Locale.ROOT,
        "Targets: 0 lost (%d), 0 duplicated (%d), invalid requests under 1%% of 10,000 (max %d)%n",
        totalLost,
        totalDuplicated,
        maxInvalid);
    json.append(
        String.format(
            Locale.ROOT,
            "],\"lost\":%d,\"duplicated\":%d,\"max_invalid\":%d}",
            totalLost,
            totalDuplicated,
            maxInvalid));
    System.out.println(json);
  }
}
