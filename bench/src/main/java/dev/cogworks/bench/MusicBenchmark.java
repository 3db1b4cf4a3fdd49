package dev.cogworks.bench;

import static org.awaitility.Awaitility.await;

import dev.cogworks.music.MusicCog;
import dev.cogworks.music.MusicProbe;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimUser;
import dev.cogworks.sim.voice.VoiceStats;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code scripts/bench.sh music [seconds] [counts]}: how many servers the music cog can play to at
 * once on this machine before frames are late. A Cogworks bot with the music cog (real JDA,
 * LavaPlayer, embedded PostgreSQL) against discord-sim in this JVM; for each count (1, 10, 25, 50,
 * 100 by default) that many servers each have a listener in a voice channel who posts {@code !play}
 * of a clip of its own (a 48 kHz stereo WAV tone of a different pitch per server, which LavaPlayer
 * decodes and encodes to Opus: the transcoding path). Once all play, for {@code seconds} (20 by
 * default) it measures:
 *
 * <ul>
 *   <li>late frames: of the 20 ms frames JDA asked the cog for while a track played, the share it
 *       could not give (the cog's {@code PlayerFrames} counts them);
 *   <li>delivered: packets the simulator's voice server received, against 50 per second per player
 *       (a JDA send loop that falls behind drops frames without asking for them);
 *   <li>the RFC 3550 interarrival jitter the simulator measured per connection (mean and worst);
 *   <li>CPU by thread: {@link ThreadMXBean#getThreadCpuTime} of each live thread, grouped by name
 *       into the simulator's threads ({@code discord-sim-*} and Jetty's pool: the bot's admin
 *       server is off, so every Jetty thread is the simulator's) and the bot's (JDA, LavaPlayer,
 *       OkHttp, Cogworks, the rest); what the process used beyond its threads (GC, JIT compiler) is
 *       shown apart, as is the embedded PostgreSQL (its processes' CPU) and the machine's busy
 *       share;
 *   <li>heap: the most used while playing, and what is left after a full GC at the end (the whole
 *       JVM, simulator included).
 * </ul>
 *
 * <p>The simulator decrypts and counts every packet but decodes one frame in {@link #DECODE_ONE_IN}
 * to measure the level (its {@code decodeOneIn} voice setting), so that its share stays small.
 * Bounded: the steps' playing time plus joining and leaving, a few minutes in all.
 */
final class MusicBenchmark {
  static final int DECODE_ONE_IN = 50;
  static final List<Integer> COUNTS = List.of(1, 10, 25, 50, 100);
  static final double TARGET_LATE_PERCENT = 0.5;
  static final int TARGET_PLAYERS = 50;
  private static final Duration SETTLE = Duration.ofSeconds(3);
  private static final Duration PATIENCE = Duration.ofSeconds(150);

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Instant started = Instant.now();

  /** One server of the benchmark: its listener, text channel and voice channel. */
  private record Server(SimGuild guild, SimUser listener, SimChannel text, SimChannel voice) {}

  void run(int seconds, List<Integer> counts) throws Exception {
    int most = counts.stream().mapToInt(Integer::intValue).max().orElse(1);
    Path library = Files.createTempDirectory("cogworks-music-bench");
    // Long enough to play through joining (JDA opens voice connections one after another),
    // settling and the window without ending.
    long clipMillis = (seconds + 170) * 1000L;
    for (int i = 0; i < most; i++) {
      writeTone(library.resolve(clipName(i)), 180 + 7.0 * i, clipMillis, 0.3);
    }
    MusicCog cog = new MusicCog();
    BenchHarness harness =
        BenchHarness.with(cog)
            .config("music.library_dir", library.toString())
            // Every Jetty thread is then the simulator's, which the CPU split relies on.
            .config("admin.enabled", false)
            .config("shutdown.deadline", "2s");
    Map<Integer, Map<String, Object>> results = new LinkedHashMap<>();
    Map<String, Map<String, Double>> threadsAtMost = new LinkedHashMap<>();
    threads.setThreadCpuTimeEnabled(true);
    try {
      harness.start();
      harness.sim().voice().settings().decodeOneIn(DECODE_ONE_IN);
      List<Server> servers = servers(harness, most);
      for (int count : counts) {
        System.err.printf(Locale.ROOT, "music: %d players…%n", count);
        results.put(count, step(harness, cog, servers.subList(0, count), seconds, threadsAtMost));
      }
    } finally {
      harness.stop();
      try (Stream<Path> files = Files.walk(library)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp folder left behind is harmless
      }
    }
    print(seconds, results, threadsAtMost);
  }

  /** A 16-bit stereo 48 kHz WAV sine tone of {@code hz}, at {@code amplitude} of full scale. */
  private static void writeTone(Path file, double hz, long millis, double amplitude)
      throws IOException {
    int rate = 48_000;
    int frames = (int) (rate * millis / 1000);
    ByteBuffer data = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
    data.put("RIFF".getBytes()).putInt(36 + frames * 4).put("WAVE".getBytes());
    data.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2);
    data.putInt(rate).putInt(rate * 4).putShort((short) 4).putShort((short) 16);
    data.put("data".getBytes()).putInt(frames * 4);
    for (int i = 0; i < frames; i++) {
      short sample = (short) (Math.sin(2 * Math.PI * hz * i / rate) * amplitude * Short.MAX_VALUE);
      data.putShort(sample).putShort(sample);
    }
    Files.write(file, data.array());
  }

  private static String clipName(int i) {
    return String.format(Locale.ROOT, "clip-%03d.wav", i);
  }

  /**
   * {@code count} servers, each with a text channel, a voice channel and a listener, and the bot.
   */
  private static List<Server> servers(BenchHarness harness, int count) {
    SimControl control = harness.sim().control();
    int expected = control.commandsJson(harness.guild().id).size();
    List<Server> servers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SimUser listener = control.createUser("listener" + i);
      SimGuild guild = control.createGuild("Bench " + i, listener.id);
      SimChannel text = control.createChannel(guild.id, "music");
      SimChannel voice =
          control.createChannel(guild.id, "Music", SimChannel.GUILD_VOICE, List.of());
      control.inviteBot(
          guild.id,
          harness.botUser().id,
          SimControl.DEFAULT_BOT_PERMISSIONS | Permission.CONNECT | Permission.SPEAK);
      servers.add(new Server(guild, listener, text, voice));
    }
    await("the bot's commands in every benchmark server")
        .atMost(PATIENCE)
        .until(
            () ->
                servers.stream()
                    .allMatch(s -> control.commandsJson(s.guild.id).size() == expected));
    return servers;
  }

  private Map<String, Object> step(
      BenchHarness harness,
      MusicCog cog,
      List<Server> servers,
      int seconds,
      Map<String, Map<String, Double>> threadsAtMost)
      throws Exception {
    var sim = harness.sim();
    long botId = harness.botUser().id;
    for (Server s : servers) {
      sim.voiceStates().move(s.guild.id, s.listener.id, s.voice.id);
    }
    for (int i = 0; i < servers.size(); i++) {
      Server s = servers.get(i);
      harness.post(s.listener.username, s.text, "!play " + clipName(i));
    }
    // JDA spaces voice requests by the gateway's limit (120 a minute, shared with the leaves of the
    // step before): a big step takes a minute or more to join. Whoever has not started after
    // PATIENCE is measured as not playing (reported), rather than losing the run.
    long joinStart = System.nanoTime();
    long joinEnd = joinStart + PATIENCE.toNanos();
    int started = 0;
    while (System.nanoTime() < joinEnd) {
      started =
          (int)
              servers.stream()
                  .filter(
                      s ->
                          MusicProbe.frames(cog, s.guild.id).provided() > 0
                              && sim.voice()
                                  .latest(s.guild.id, botId)
                                  .map(v -> v.packets() > 0)
                                  .orElse(false))
                  .count();
      if (started == servers.size()) {
        break;
      }
      Thread.sleep(200);
    }
    double joinSeconds = (System.nanoTime() - joinStart) / 1e9;
    Thread.sleep(SETTLE.toMillis());

    Snapshot before = snapshot(cog, harness, servers);
    long heapPeak = 0;
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() < end) {
      heapPeak = Math.max(heapPeak, memory.getHeapMemoryUsage().getUsed());
      Thread.sleep(250);
    }
    Snapshot after = snapshot(cog, harness, servers);
    System.gc();
    long heapLive = memory.getHeapMemoryUsage().getUsed();

    long provided = 0;
    long late = 0;
    long packets = 0;
    int stillPlaying = 0;
    List<Double> jitters = new ArrayList<>();
    for (Server s : servers) {
      long id = s.guild.id;
      provided += after.frames.get(id).provided() - before.frames.get(id).provided();
      late += after.frames.get(id).late() - before.frames.get(id).late();
      packets += after.packets.get(id) - before.packets.get(id);
      stillPlaying += after.frames.get(id).playing() ? 1 : 0;
      jitters.add(after.jitterMs.get(id));
    }
    double wallNanos = after.nanos - before.nanos;
    double wallSeconds = wallNanos / 1e9;
    double expected = Math.max(1, started) * wallSeconds * 50;
    Map<String, Double> cpu = new LinkedHashMap<>();
    Map<String, Double> byName = new HashMap<>();
    double threadSum = 0;
    for (var e : after.threadCpu.entrySet()) {
      long used = e.getValue().nanos - before.threadCpu.getOrDefault(e.getKey(), ZERO).nanos;
      String group = group(e.getValue().name);
      cpu.merge(group, used / wallNanos * 100, Double::sum);
      byName.merge(
          e.getValue().name.replaceAll("[0-9]+", "#"), used / wallNanos * 100, Double::sum);
      threadSum += used;
    }
    double unattributed = (after.processCpu - before.processCpu - threadSum) / wallNanos * 100;
    double postgres = (after.postgresCpu - before.postgresCpu) / wallNanos * 100;
    double machineBusy =
        (after.machineBusy - before.machineBusy)
            / Math.max(1.0, after.machineTotal - before.machineTotal)
            * 100;

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("players", servers.size());
    figures.put("asked", provided + late);
    figures.put("late", late);
    figures.put("late_pct", round(provided + late == 0 ? 0 : 100.0 * late / (provided + late)));
    figures.put("delivered_pct", round(100.0 * packets / expected));
    figures.put("jitter_mean_ms", round(jitters.stream().mapToDouble(d -> d).average().orElse(0)));
    figures.put("jitter_max_ms", round(jitters.stream().mapToDouble(d -> d).max().orElse(0)));
    figures.put("bot_cpu_pct", round(cpu.getOrDefault("bot", 0.0)));
    figures.put("sim_cpu_pct", round(cpu.getOrDefault("sim", 0.0)));
    figures.put("gc_jit_cpu_pct", round(unattributed + cpu.getOrDefault("jvm", 0.0)));
    figures.put("postgres_cpu_pct", round(postgres));
    figures.put("machine_busy_pct", round(machineBusy));
    figures.put("heap_peak_mb", heapPeak / (1 << 20));
    figures.put("heap_live_mb", heapLive / (1 << 20));
    figures.put("gc_ms", after.gcMillis - before.gcMillis);
    figures.put("started", started);
    figures.put("join_s", Math.round(joinSeconds * 10) / 10.0);
    figures.put("still_playing", stillPlaying);
    threadsAtMost.clear();
    Map<String, Double> top = new LinkedHashMap<>();
    byName.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(8)
        .forEach(e -> top.put(e.getKey() + " [" + group(e.getKey()) + "]", e.getValue()));
    threadsAtMost.put(Integer.toString(servers.size()), top);

    for (Server s : servers) {
      MusicProbe.shutDown(cog, s.guild.id);
      sim.voiceStates().move(s.guild.id, s.listener.id, null);
    }
    try {
      await("the bot out of voice everywhere")
          .atMost(PATIENCE)
          .until(() -> servers.stream().noneMatch(s -> s.guild.voiceStates.containsKey(botId)));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      System.err.println("music: the bot is still in voice in some servers: " + e.getMessage());
    }
    return figures;
  }

  /**
   * Whose a thread is, by its name: the simulator's own threads and Jetty's (pool and schedulers:
   * the bot's admin server is off, and JDA does not use Jetty); the JVM's service threads;
   * everything else is the bot's (JDA's gateway and audio threads, LavaPlayer's playback pool,
   * OkHttp, Cogworks, the database pool).
   */
  static String group(String name) {
    if (name.startsWith("discord-sim")
        || name.startsWith("JettyServerThreadPool")
        || name.startsWith("Scheduler-")
        || name.startsWith("Connector-Scheduler")
        || name.startsWith("Javalin")) {
      return "sim";
    }
    if (name.equals("main")) {
      return "bench";
    }
    if (List.of(
            "Reference Handler",
            "Finalizer",
            "Signal Dispatcher",
            "Common-Cleaner",
            "Notification Thread",
            "Attach Listener")
        .contains(name)) {
      return "jvm";
    }
    return "bot";
  }

  private record ThreadCpu(String name, long nanos) {}

  private static final ThreadCpu ZERO = new ThreadCpu("", 0);

  /** Counters at one moment. */
  private record Snapshot(
      long nanos,
      Map<Long, MusicProbe.Frames> frames,
      Map<Long, Long> packets,
      Map<Long, Double> jitterMs,
      Map<Long, ThreadCpu> threadCpu,
      long processCpu,
      long postgresCpu,
      long machineBusy,
      long machineTotal,
      long gcMillis) {}

  private Snapshot snapshot(MusicCog cog, BenchHarness harness, List<Server> servers) {
    long botId = harness.botUser().id;
    Map<Long, MusicProbe.Frames> frames = new HashMap<>();
    Map<Long, Long> packets = new HashMap<>();
    Map<Long, Double> jitter = new HashMap<>();
    for (Server s : servers) {
      frames.put(s.guild.id, MusicProbe.frames(cog, s.guild.id));
      VoiceStats stats = harness.sim().voice().latest(s.guild.id, botId).orElse(null);
      packets.put(s.guild.id, stats == null ? 0 : stats.packets());
      jitter.put(s.guild.id, stats == null ? 0 : stats.jitterMs());
    }
    Map<Long, ThreadCpu> cpu = new HashMap<>();
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        long used = threads.getThreadCpuTime(info.getThreadId());
        if (used >= 0) {
          cpu.put(info.getThreadId(), new ThreadCpu(info.getThreadName(), used));
        }
      }
    }
    long[] machine = machineJiffies();
    long gc = 0;
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += Math.max(0, bean.getCollectionTime());
    }
    return new Snapshot(
        System.nanoTime(),
        frames,
        packets,
        jitter,
        cpu,
        os.getProcessCpuTime(),
        postgresCpu(),
        machine[0],
        machine[1],
        gc);
  }

  /**
   * CPU of the embedded PostgreSQL: its processes (postgres, started after this benchmark; the lock
   * it runs under keeps other builds' databases away).
   */
  private long postgresCpu() {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                    && p.info().startInstant().map(s -> s.isAfter(started)).orElse(false))
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }

  /** The machine's busy and total jiffies, all cores, from /proc/stat (zeros elsewhere). */
  private static long[] machineJiffies() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long[] v = Arrays.stream(f, 1, f.length).mapToLong(Long::parseLong).toArray();
      long total = Arrays.stream(v).limit(8).sum();
      long idle = v[3] + v[4];
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  private static void print(
      int seconds,
      Map<Integer, Map<String, Object>> results,
      Map<String, Map<String, Double>> threadsAtMost) {
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        Locale.ROOT,
        "music: %d s of playing per step, one clip per server (48 kHz WAV → LavaPlayer → Opus),"
            + " real JDA → discord-sim (decodes 1 frame in %d), %d cores%n",
        seconds,
        DECODE_ONE_IN,
        cores);
    System.out.println(
        "CPU in % of one core, by thread name: sim = discord-sim-* and Jetty threads; bot = JDA,"
            + " LavaPlayer, OkHttp, Cogworks and the rest; gc/jit = process CPU not in any thread"
            + " (GC, JIT) plus JVM service threads; postgres = its processes; machine = all cores"
            + " busy, % of the machine");
    List<String> columns = new ArrayList<>(results.values().iterator().next().keySet());
    columns.forEach(c -> System.out.printf(Locale.ROOT, " %" + width(c) + "s", c));
    System.out.println();
    results
        .values()
        .forEach(
            figures -> {
              columns.forEach(
                  c -> System.out.printf(Locale.ROOT, " %" + width(c) + "s", figures.get(c)));
              System.out.println();
            });
    threadsAtMost.forEach(
        (count, top) -> {
          System.out.printf(Locale.ROOT, "Busiest threads at %s players (%% of a core):", count);
          top.forEach((name, pct) -> System.out.printf(Locale.ROOT, " %s %.1f;", name, pct));
          System.out.println();
        });
    int most = 0;
    for (var e : results.entrySet()) {
      // A step counts only if every player started (joins can stall: see started, join_s).
      if ((double) e.getValue().get("late_pct") < TARGET_LATE_PERCENT
          && e.getValue().get("started").equals(e.getKey())) {
        most = Math.max(most, e.getKey());
      }
    }
    Map<String, Object> atTarget = results.get(TARGET_PLAYERS);
    Boolean met =
        atTarget == null
            ? null
            : (double) atTarget.get("late_pct") < TARGET_LATE_PERCENT
                && atTarget.get("started").equals(TARGET_PLAYERS);
    System.out.printf(
        Locale.ROOT,
        "Target (%d players, late frames < %.1f %%): %s; most players measured under it: %d%n",
        TARGET_PLAYERS,
        TARGET_LATE_PERCENT,
        met == null ? "not measured" : met ? "met" : "MISSED",
        most);
    StringBuilder json =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "{\"benchmark\":\"music\",\"seconds\":%d,\"cores\":%d,\"decode_one_in\":%d,"
                    + "\"cpu_split\":\"thread names: sim=discord-sim-*+Jetty, bot=rest;"
                    + " gc_jit=process minus threads\"",
                seconds,
                cores,
                DECODE_ONE_IN));
    results.forEach(
        (count, figures) -> {
          json.append(",\"players_").append(count).append("\":{");
          List<String> parts = new ArrayList<>();
          figures.forEach((k, v) -> parts.add("\"" + k + "\":" + v));
          json.append(String.join(",", parts)).append('}');
        });
    json.append(",\"most_players_under_target\":").append(most);
    json.append(",\"target_met\":").append(met).append('}');
    System.out.println(json);
  }

  private static int width(String column) {
    return Math.max(7, column.length());
  }

  private static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : -999;
  }
}
