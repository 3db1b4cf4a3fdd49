package dev.cogworks.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import dev.cogworks.core.internal.relay.RelayTransport;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.sim.state.SimEvent;
import dev.cogworks.testkit.TestEngines;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Recorder;

/**
 * {@code scripts/chaos.sh load}: a steady crowd for a while, to see whether anything grows. 1,000
 * people in 20 servers of 500 text channels each (10,000 channels; Discord allows 500 per server)
 * post {@code !load <n>} in random channels at {@value #RATE} commands a second, for {@code
 * seconds}, and the bot answers each. Discord's real limits apply: a bot may make 50 requests a
 * second, so {@value #RATE} a second is what one bot can answer with room to spare; more would grow
 * the queue by arithmetic, not by a leak. Every 10 s it records the answers' latency (the command
 * posted → the answer created in the simulator), the commands not yet answered, the transport's own
 * queue, the JVM's threads and, at the second and the last window, the live heap after a full
 * collection. The benchmark's JVM holds the simulator and the gateway workers too, so heap and
 * threads are theirs together: what matters is whether they grow. Run for {@code in_process} and
 * {@code external_gateway} on PostgreSQL and on Redis (2 workers each).
 */
final class LoadBenchmark {
  static final int GUILDS = 20;
  static final int CHANNELS_PER_GUILD = 500;
  static final int USERS = 1_000;
  static final double RATE = 40;
  static final Duration WINDOW = Duration.ofSeconds(10);
  static final List<String> TARGETS = List.of("in_process", "postgresql", "redis");

  /** One 10-second window's figures. */
  private record Window(
      int index,
      long answered,
      double p50Ms,
      double p99Ms,
      double maxMs,
      long unanswered,
      long transportQueue,
      int threads,
      long liveHeapMb,
      long simReplayMb) {}

  private record Result(
      String target,
      List<Window> windows,
      long posted,
      long answered,
      long lost,
      long duplicated,
      double setupSeconds) {}

  private final List<Result> results = new ArrayList<>();

  /** Whether nothing grew and nothing was lost or answered twice. */
  boolean run(int seconds, List<String> targets) throws Exception {
    for (String target : targets) {
      results.add(one(target, seconds));
    }
    return print(seconds);
  }

  private Result one(String target, int seconds) throws Exception {
    long setupStart = System.nanoTime();
    BenchHarness harness =
        BenchHarness.with(new LoadCog())
            .config("admin.enabled", false)
            .config("shutdown.deadline", "2s")
            .simOptions(SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults()));
    switch (target) {
      case "in_process" -> harness.config("messaging.mode", "in_process");
      case "postgresql" -> harness.externalGateway("postgresql", TestEngines.postgresUrl(), 2);
      case "redis" -> harness.externalGateway("redis", TestEngines.redisUri(), 2);
      default -> throw new IllegalArgumentException("unknown target " + target);
    }
    harness.start();
    try {
      SimControl control = harness.sim().control();
      List<SimGuild> guilds = new ArrayList<>();
      List<List<Long>> channels = new ArrayList<>();
      List<List<Long>> members = new ArrayList<>();
      for (int g = 0; g < GUILDS; g++) {
        SimUser owner = control.createUser("load-owner-" + g);
        SimGuild guild = control.createGuild("load-" + g, owner.id);
        List<Long> ids = new ArrayList<>();
        for (int c = 0; c < CHANNELS_PER_GUILD; c++) {
          ids.add(control.createChannel(guild.id, "c" + c).id);
        }
        List<Long> people = new ArrayList<>();
        for (int u = 0; u < USERS / GUILDS; u++) {
          SimUser user = control.createUser("load-" + g + "-" + u);
          control.addMember(guild.id, user.id, List.of());
          people.add(user.id);
        }
        harness.join(guild);
        guilds.add(guild);
        channels.add(ids);
        members.add(people);
      }
      long last = channels.get(GUILDS - 1).get(CHANNELS_PER_GUILD - 1);
      // Workers address channels by id over REST: only the bot needs to know them.
      await("the bot's JDA knows the 10,000 channels")
          .atMost(Duration.ofMinutes(2))
          .until(() -> harness.bot().shards().getTextChannelById(last) != null);
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
      return drive(harness, target, guilds, channels, members, seconds, setupSeconds);
    } finally {
      harness.stop();
    }
  }

  private Result drive(
      BenchHarness harness,
      String target,
      List<SimGuild> guilds,
      List<List<Long>> channels,
      List<List<Long>> members,
      int seconds,
      double setupSeconds)
      throws Exception {
    SimControl control = harness.sim().control();
    long botId = harness.botUser().id;
    Map<Long, Long> postedAt = new ConcurrentHashMap<>();
    Map<Long, Integer> answers = new ConcurrentHashMap<>();
    Recorder latency = new Recorder(3);
    AtomicLong answered = new AtomicLong();
    // Runs inside the simulator's state lock: it only notes the time.
    Consumer<SimEvent> listener =
        event -> {
          if (event instanceof SimEvent.MessageCreated created
              && created.message().author.id == botId) {
            SimMessage message = created.message();
            String content = message.content;
            if (content != null && content.startsWith("done ")) {
              long n = Long.parseLong(content.substring(5).trim());
              Long at = postedAt.get(n);
              if (answers.merge(n, 1, Integer::sum) == 1 && at != null) {
                answered.incrementAndGet();
                latency.recordValue(Math.max(1, (System.nanoTime() - at) / 1_000));
              }
            }
          }
        };
    control.state().addListener(listener);
    AtomicLong posted = new AtomicLong();
    AtomicInteger windowsDone = new AtomicInteger();
    List<Window> windows = new ArrayList<>();
    int windowCount = (int) Math.max(3, seconds / WINDOW.toSeconds());
    long intervalNanos = (long) (1e9 / RATE);
    long start = System.nanoTime();
    long nextPost = start;
    long nextWindow = start + WINDOW.toNanos();
    long answeredBefore = 0;
    latency.reset();
    System.err.printf(Locale.ROOT, "load: %s, %d s at %.0f commands/s…%n", target, seconds, RATE);
    while (windowsDone.get() < windowCount) {
      long now = System.nanoTime();
      if (now >= nextPost) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int g = random.nextInt(GUILDS);
        long channel = channels.get(g).get(random.nextInt(CHANNELS_PER_GUILD));
        long user = members.get(g).get(random.nextInt(members.get(g).size()));
        long n = posted.incrementAndGet();
        postedAt.put(n, System.nanoTime());
        control.postMessage(channel, user, "!load " + n);
        nextPost += intervalNanos;
      }
      if (now >= nextWindow) {
        int index = windowsDone.incrementAndGet();
        var histogram = latency.getIntervalHistogram();
        long total = answered.get();
        boolean edge = index == 2 || index == windowCount;
        Window window =
            new Window(
                index,
                total - answeredBefore,
                histogram.getValueAtPercentile(50) / 1_000.0,
                histogram.getValueAtPercentile(99) / 1_000.0,
                histogram.getMaxValue() / 1_000.0,
                posted.get() - total,
                transportQueue(harness),
                ManagementFactory.getThreadMXBean().getThreadCount(),
                edge ? liveHeapMb() : -1,
                edge ? control.gateway().replayChars() / (1024 * 1024) : -1);
        answeredBefore = total;
        windows.add(window);
        System.err.printf(Locale.ROOT, "load: %s %s%n", target, window);
        nextWindow += WINDOW.toNanos();
      }
      long sleep = Math.min(nextPost, nextWindow) - System.nanoTime();
      if (sleep > 0) {
        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
      }
    }
    // The crowd stops; whatever was posted gets its answer, or is lost.
    try {
      await("every command answered")
          .atMost(Duration.ofSeconds(60))
          .until(() -> answered.get() >= posted.get());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      System.err.println("load: " + target + ": not every command was answered within 60 s");
    }
    control.state().removeListener(listener);
    long duplicated = answers.values().stream().filter(count -> count > 1).count();
    return new Result(
        target,
        windows,
        posted.get(),
        answered.get(),
        posted.get() - answered.get(),
        duplicated,
        setupSeconds);
  }

  /** Requests the transport holds that Discord has not answered yet. */
  private static long transportQueue(BenchHarness harness) {
    var messaging = harness.bot().messaging();
    return messaging
        .transport(InProcessTransport.class)
        .map(t -> (long) t.stats().queued() + t.stats().inFlight())
        .or(
            () ->
                messaging
                    .transport(RelayTransport.class)
                    .map(t -> (long) t.queuedLocally() + t.waiting()))
        .orElse(-1L);
  }

  /** The heap still in use after a full collection: what the process keeps, not its garbage. */
  private static long liveHeapMb() {
    System.gc();
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getUsage() != null) {
        used += pool.getUsage().getUsed();
      }
    }
    return used / (1024 * 1024);
  }

  private boolean print(int seconds) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "Load: %,d people in %d servers x %d channels (%,d channels), %.0f commands/s for %d s,"
            + " Discord's real limits; start = the second %d s window (the first warms the JIT up), end = the last%n",
        USERS,
        GUILDS,
        CHANNELS_PER_GUILD,
        GUILDS * CHANNELS_PER_GUILD,
        RATE,
        seconds,
        WINDOW.toSeconds());
    System.out.printf(
        Locale.ROOT,
        "%-11s %6s %8s %8s %9s %9s %10s %10s %8s %8s %10s %6s %4s %5s%n",
        "target",
        "window",
        "answers",
        "p50 ms",
        "p99 ms",
        "max ms",
        "unanswered",
        "transport",
        "threads",
        "heap MB",
        "sim rsm MB",
        "lost",
        "dup",
        "flat");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "load");
    json.put("seconds", seconds);
    json.put("rate_per_s", RATE);
    json.put("channels", GUILDS * CHANNELS_PER_GUILD);
    json.put("users", USERS);
    boolean allFlat = true;
    for (Result r : results) {
      Window first = r.windows().get(1);
      Window end = r.windows().get(r.windows().size() - 1);
      boolean flat = flat(first, end);
      allFlat &= flat && r.lost() == 0 && r.duplicated() == 0;
      for (Window w : List.of(first, end)) {
        System.out.printf(
            Locale.ROOT,
            "%-11s %6s %8d %8.1f %9.1f %9.1f %10d %10d %8d %8d %10d %6s %4s %s%n",
            r.target(),
            w == first ? "start" : "end",
            w.answered(),
            w.p50Ms(),
            w.p99Ms(),
            w.maxMs(),
            w.unanswered(),
            w.transportQueue(),
            w.threads(),
            w.liveHeapMb(),
            w.simReplayMb(),
            w == first ? "" : String.valueOf(r.lost()),
            w == first ? "" : String.valueOf(r.duplicated()),
            w == first ? "" : flat ? "yes" : "NO: " + grown(first, end));
      }
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("posted", r.posted());
      figures.put("answered", r.answered());
      figures.put("lost", r.lost());
      figures.put("duplicated", r.duplicated());
      figures.put("setup_s", Math.round(r.setupSeconds() * 10) / 10.0);
      figures.put("start", first);
      figures.put("end", end);
      figures.put("windows", r.windows());
      figures.put("flat", flat);
      figures.put("grown", grown(first, end));
      json.put(r.target(), figures);
    }
    System.out.println(
        "Flat: at the end, p99 at most twice the start's + 100 ms, unanswered under 2 s of"
            + " commands, threads at most 5 more, live heap less the simulator's resume buffers"
            + " (sim rsm: up to 10,000 dispatches per session, Discord's own buffer) at most 25 % +"
            + " 16 MB more");
    json.put("all_flat_no_loss", allFlat);
    System.out.println(new ObjectMapper().writeValueAsString(json));
    return allFlat;
  }

  private static boolean flat(Window start, Window end) {
    return grown(start, end).isEmpty();
  }

  /** What grew past the bounds printed under the table: empty when nothing did. */
  private static String grown(Window start, Window end) {
    List<String> grown = new ArrayList<>();
    if (end.p99Ms() > 2 * start.p99Ms() + 100) {
      grown.add("p99");
    }
    if (end.unanswered() > 2 * RATE) {
      grown.add("unanswered");
    }
    if (end.threads() > start.threads() + 5) {
      grown.add("threads");
    }
    if (end.liveHeapMb() - end.simReplayMb()
        > (start.liveHeapMb() - start.simReplayMb()) * 1.25 + 16) {
      grown.add("heap");
    }
    return String.join("+", grown);
  }
}
