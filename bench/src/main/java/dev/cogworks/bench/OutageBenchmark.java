package dev.cogworks.bench;

import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.testkit.TestEngines;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisServer;

/**
 * {@code scripts/chaos.sh outages}: an engine stopped in the middle of a burst, then started again
 * on the same port and data directory: the external engine (PostgreSQL, Redis with an append-only
 * file) in {@code external_gateway}, and the bot's own PostgreSQL in {@code in_process} and {@code
 * direct}. The bot sends one message every {@value #INTERVAL_MS} ms over {@value #CHANNELS}
 * channels throughout; a send is acknowledged when the queue took it (its future did not fail at
 * once), and must end delivered or dead-lettered, never lost. While the engine is down, users run
 * {@code !ping} (needs no database), {@code !settings set} and {@code /mydata show} (need the bot's
 * database): each must be answered, and never with "Something went wrong". Recovery: from the
 * engine's return to the first send delivered after it (for the bot's database: to the first {@code
 * !settings set} that works again), and to every acknowledged send settled. The external modes run
 * with {@code messaging.gateway.outage_buffer = 5000}, so what is sent during the outage waits in
 * the bot (the default, 0, refuses it at once instead), and {@code request_timeout = 2m} (the
 * default 30 s would dead-letter what waited longer than that).
 */
final class OutageBenchmark {
  static final int CHANNELS = 10;
  static final long INTERVAL_MS = 150;
  private static final Duration WARM_UP = Duration.ofSeconds(2);
  private static final String DB_REFUSAL = "can't reach my database";

  /** What one outage did. */
  record Result(
      String target,
      String stopped,
      double outageSeconds,
      int acknowledged,
      int refused,
      int delivered,
      int deadLettered,
      int lost,
      int duplicated,
      double firstDeliveryAfterReturn,
      double allSettledAfterReturn,
      Map<String, String> answers,
      double pingSeconds) {
    boolean clear() {
      return answers.values().stream()
          .noneMatch(a -> a == null || a.contains("Something went wrong"));
    }
  }

  private final List<Result> results = new ArrayList<>();

  /** Every outage, {@code seconds} long, in {@code targets} (all four by default). */
  boolean run(int seconds, List<String> targets) throws Exception {
    Duration outage = Duration.ofSeconds(seconds);
    for (String target : targets) {
      boolean engine = target.equals("postgresql") || target.equals("redis");
      results.add(run(target, engine ? "the engine" : "the bot's database", outage));
    }
    return print();
  }

  static final List<String> TARGETS = List.of("postgresql", "redis", "in_process", "direct");

  /**
   * One outage of {@code outage}: {@code mode} is {@code direct}, {@code in_process}, or an engine
   * name for {@code external_gateway}; {@code stopped} says which server stops.
   */
  Result run(String mode, String stopped, Duration outage) throws Exception {
    Path work = Files.createTempDirectory("cogworks-outage");
    int botDbPort = TestEngines.freePort();
    EmbeddedPostgres botDb = TestEngines.newPostgres(botDbPort, work.resolve("bot-pg"));
    int enginePort = TestEngines.freePort();
    EmbeddedPostgres enginePg = null;
    RedisServer redis = null;
    if (mode.equals("postgresql")) {
      enginePg = TestEngines.newPostgres(enginePort, work.resolve("engine-pg"));
    } else if (mode.equals("redis")) {
      Files.createDirectories(work.resolve("redis"));
      redis = TestEngines.newRedis(enginePort, work.resolve("redis"));
    }
    BenchCog cog = new BenchCog();
    BenchHarness harness =
        BenchHarness.with(cog)
            .config("database.url", TestEngines.jdbcUrl(botDbPort))
            .config("database.user", "postgres")
            .config("database.connect_timeout", "2s")
            .config("messaging.mode", mode);
    if (redis != null) {
      harness
          .externalGateway("redis", "redis://127.0.0.1:" + enginePort, 1)
          .config("messaging.gateway.outage_buffer", 5000)
          .config("messaging.gateway.request_timeout", "2m");
    } else if (enginePg != null) {
      harness
          .externalGateway("postgresql", TestEngines.jdbcUrl(enginePort), 1)
          .config("messaging.gateway.outage_buffer", 5000)
          .config("messaging.gateway.request_timeout", "2m");
    }
    boolean external = redis != null || enginePg != null;
    harness.start();
    Map<String, CompletableFuture<Long>> sends = new ConcurrentHashMap<>();
    Set<String> refused = ConcurrentHashMap.newKeySet();
    List<Long> channels = new ArrayList<>();
    try {
      for (int i = 0; i < CHANNELS; i++) {
        long id = harness.sim().control().createChannel(harness.guild().id, "outage-" + i).id;
        channels.add(id);
      }
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  channels.stream()
                      .allMatch(id -> harness.bot().shards().getTextChannelById(id) != null));
      // The sender: one send every interval for as long as the outage and its recovery last.
      long sendFor = WARM_UP.plus(outage).plusSeconds(3).toMillis();
      Thread sender =
          new Thread(
              () -> {
                long end = System.currentTimeMillis() + sendFor;
                for (int i = 0; System.currentTimeMillis() < end; i++) {
                  String text = "outage " + mode + " #" + i;
                  CompletableFuture<Long> sent = cog.send(channels.get(i % CHANNELS), text);
                  if (sent.isCompletedExceptionally()) {
                    refused.add(text);
                  } else {
                    sends.put(text, sent);
                  }
                  try {
                    Thread.sleep(INTERVAL_MS);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "outage-sender");
      sender.start();
      Thread.sleep(WARM_UP.toMillis());

      long stopAt = System.nanoTime();
      if (mode.equals("postgresql")) {
        TestEngines.close(enginePg);
      } else if (mode.equals("redis")) {
        TestEngines.stop(redis);
      } else {
        TestEngines.close(botDb);
      }
      // Users while the server is down (after the pool's connections had time to notice).
      Thread.sleep(Math.min(1_000, outage.toMillis() / 4));
      Map<String, String> answers = new HashMap<>();
      SimMessage pingPost = harness.post("alice", "general", "!ping");
      double pingSeconds = -1;
      if (!external) {
        // In external_gateway every answer travels through the engine: it comes once it is back.
        SimMessage ping = answer(harness, Duration.ofSeconds(10), "Pong");
        pingSeconds = between(pingPost, ping);
        answers.put("!ping", ping == null ? null : ping.content);
        harness.post("admin", "general", "!settings set core.prefixes ! ?");
        answers.put("!settings set", reply(harness, Duration.ofSeconds(15), "."));
        harness.slash("alice", "general", "mydata show");
        answers.put("/mydata show", reply(harness, Duration.ofSeconds(15), "."));
      }
      long left = outage.toNanos() - (System.nanoTime() - stopAt);
      if (left > 0) {
        TimeUnit.NANOSECONDS.sleep(left);
      }
      double outageSeconds = (System.nanoTime() - stopAt) / 1e9;

      int deliveredBefore = delivered(harness, channels, sends.keySet()).size();
      long returnAt = System.nanoTime();
      if (mode.equals("postgresql")) {
        enginePg = TestEngines.newPostgres(enginePort, work.resolve("engine-pg"));
      } else if (mode.equals("redis")) {
        redis = TestEngines.newRedis(enginePort, work.resolve("redis"));
      } else {
        botDb = TestEngines.newPostgres(botDbPort, work.resolve("bot-pg"));
      }
      double firstDelivery = -1;
      double allSettled = -1;
      if (!external) {
        // Recovery of the bot's own database: how soon a command that needs it works again.
        for (int attempt = 0; attempt < 10 && firstDelivery < 0; attempt++) {
          harness.post("admin", "general", "!settings set core.prefixes ! ?");
          String after = reply(harness, Duration.ofSeconds(30), "now|already|can't reach");
          answers.put("!settings set, after", after);
          if (after != null && !after.contains(DB_REFUSAL)) {
            firstDelivery = (System.nanoTime() - returnAt) / 1e9;
          }
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline) {
        Set<String> shown = delivered(harness, channels, sends.keySet());
        double since = (System.nanoTime() - returnAt) / 1e9;
        if (external && firstDelivery < 0 && shown.size() > deliveredBefore) {
          firstDelivery = since;
        }
        if (!sender.isAlive() && sends.values().stream().allMatch(CompletableFuture::isDone)) {
          allSettled = since;
          break;
        }
        Thread.sleep(50);
      }
      sender.join();
      if (external) {
        SimMessage ping = answer(harness, Duration.ofSeconds(30), "Pong");
        pingSeconds = between(pingPost, ping);
        answers.put("!ping (answered after the return)", ping == null ? null : ping.content);
      }

      Map<String, Integer> seen = counts(harness, channels, sends.keySet());
      int delivered = seen.size();
      int duplicated = (int) seen.values().stream().filter(n -> n > 1).count();
      int deadLettered =
          (int)
              sends.entrySet().stream()
                  .filter(e -> e.getValue().isCompletedExceptionally())
                  .filter(e -> !seen.containsKey(e.getKey()))
                  .count();
      int lost = sends.size() - delivered - deadLettered;
      return new Result(
          external ? "external_gateway " + mode : mode,
          stopped,
          outageSeconds,
          sends.size(),
          refused.size(),
          delivered,
          deadLettered,
          lost,
          duplicated,
          firstDelivery,
          allSettled,
          answers,
          pingSeconds);
    } finally {
      harness.stop();
      closeQuietly(botDb);
      closeQuietly(enginePg);
      if (redis != null) {
        try {
          redis.stop();
        } catch (Exception ignored) {
          // stopped already
        }
      }
      TempDirs.delete(work);
    }
  }

  /** The bot's first answer in #general after the latest trigger matching {@code regex}. */
  private static String reply(BenchHarness harness, Duration patience, String regex) {
    SimMessage answer = answer(harness, patience, regex);
    return answer == null ? null : answer.content;
  }

  private static SimMessage answer(BenchHarness harness, Duration patience, String regex) {
    try {
      return harness.awaitReply(harness.channel("general"), regex, patience);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return null;
    }
  }

  /** Seconds from a message to its answer, by their ids' timestamps (-1: no answer). */
  private static double between(SimMessage question, SimMessage answer) {
    return answer == null ? -1 : ((answer.id >> 22) - (question.id >> 22)) / 1000.0;
  }

  private static Set<String> delivered(
      BenchHarness harness, List<Long> channels, Set<String> texts) {
    return counts(harness, channels, texts).keySet();
  }

  private static Map<String, Integer> counts(
      BenchHarness harness, List<Long> channels, Set<String> texts) {
    Map<String, Integer> seen = new HashMap<>();
    Set<String> wanted = new HashSet<>(texts);
    for (long channel : channels) {
      for (SimMessage message : harness.sim().control().messages(channel)) {
        if (wanted.contains(message.content)) {
          seen.merge(message.content, 1, Integer::sum);
        }
      }
    }
    return seen;
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (Exception ignored) {
        // stopped already
      }
    }
  }

  /** Prints the table and the JSON line; true if the targets were met. */
  private boolean print() {
    System.out.println(
        "Engine outages: one send every "
            + INTERVAL_MS
            + " ms over "
            + CHANNELS
            + " channels, the server stopped mid-burst and started again on its port and data;"
            + " external modes with outage_buffer = 5000, request_timeout = 2m");
    String format = "%-28s %-20s %6s %6s %7s %9s %5s %5s %4s %8s %8s %6s %s%n";
    System.out.printf(
        Locale.ROOT,
        format,
        "target",
        "stopped",
        "down",
        "acked",
        "refused",
        "delivered",
        "dead",
        "lost",
        "dup",
        "recovery",
        "settled",
        "ping",
        "answers while down");
    StringBuilder json = new StringBuilder("{\"benchmark\":\"outages\",\"rows\":[");
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      System.out.printf(
          Locale.ROOT,
          "%-28s %-20s %5.1fs %6d %7d %9d %5d %5d %4d %7.2fs %7.2fs %5.1fs %s%n",
          r.target(),
          r.stopped(),
          r.outageSeconds(),
          r.acknowledged(),
          r.refused(),
          r.delivered(),
          r.deadLettered(),
          r.lost(),
          r.duplicated(),
          r.firstDeliveryAfterReturn(),
          r.allSettledAfterReturn(),
          r.pingSeconds(),
          r.answers());
      StringBuilder answers = new StringBuilder("{");
      r.answers()
          .forEach(
              (k, v) ->
                  answers
                      .append(answers.length() > 1 ? "," : "")
                      .append(quote(k))
                      .append(':')
                      .append(v == null ? "null" : quote(v)));
      answers.append('}');
      json.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"target\":\"%s\",\"stopped\":\"%s\",\"outage_seconds\":%.1f,"
                      + "\"acknowledged\":%d,\"refused\":%d,\"delivered\":%d,"
                      + "\"dead_lettered\":%d,\"lost\":%d,\"duplicated\":%d,"
                      + "\"first_delivery_after_return_s\":%.2f,\"settled_after_return_s\":%.2f,"
                      + "\"ping_answer_s\":%.2f,\"answers\":%s}",
                  r.target(),
                  r.stopped(),
                  r.outageSeconds(),
                  r.acknowledged(),
                  r.refused(),
                  r.delivered(),
                  r.deadLettered(),
                  r.lost(),
                  r.duplicated(),
                  r.firstDeliveryAfterReturn(),
                  r.allSettledAfterReturn(),
                  r.pingSeconds(),
                  answers));
    }
    int lost = results.stream().mapToInt(Result::lost).sum();
    int duplicated = results.stream().mapToInt(Result::duplicated).sum();
    boolean clear = results.stream().allMatch(Result::clear);
    System.out.printf(
        Locale.ROOT,
        "Targets: nothing acknowledged lost (%d), none twice (%d), every command answered"
            + " clearly while down (%s)%n",
        lost,
        duplicated,
        clear ? "yes" : "NO");
    json.append(
        String.format(
            Locale.ROOT,
            "],\"lost\":%d,\"duplicated\":%d,\"answered_clearly\":%b}",
            lost,
            duplicated,
            clear));
    System.out.println(json);
    return lost == 0 && duplicated == 0 && clear;
  }

  private static String quote(String text) {
    return '"'
        + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "")
        + '"';
  }
}
