package dev.cogworks.bench;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.core.internal.admin.BotAdmin;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import dev.cogworks.core.internal.runtime.CogworksBot;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/bench.sh admin}: the admin server under a deep queue. The in-process queue is
 * paused and given one request in each of 10,000 channels; then /metrics, /api/snapshot and
 * /health/ready are each read 2,000 times in a row over loopback (after 2,000 to warm up: the JIT
 * compiles the routes' code by then), and their latency as the client sees it is printed, beside
 * /health/live (which does nothing: the floor of the HTTP path) and the machine's own stalls.
 * Target: /metrics and the snapshot under 2 ms at p99. Bounded: 10,000 requests queued, 14,000
 * reads. Also measured: the same two reads with nothing queued, and the registry's scrape() in
 * process (no HTTP).
 */
final class AdminBenchmark {
  static final int CHANNELS = 10_000;
  static final int WARMUP = 2_000;
  static final int READS = 2_000;

  /**
   * One GET on the calling thread with {@link HttpURLConnection}, whose keep-alive reuses one
   * loopback connection: no client threads to hand the request between, so what is measured is the
   * server and the loopback, not the client's executor on a two-core machine.
   */
  private static int get(URL url, String token, byte[] buffer) throws Exception {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    connection.setRequestProperty("Authorization", "Bearer " + token);
    int status = connection.getResponseCode();
    int size = 0;
    try (InputStream body = connection.getInputStream()) {
      for (int n; (n = body.read(buffer)) >= 0; ) {
        size += n;
      }
    }
    if (status != 200) {
      throw new IllegalStateException(url.getPath() + " answered " + status);
    }
    return size;
  }

  private static void read(
      String base,
      String token,
      String path,
      String name,
      Map<String, Percentiles> results,
      Map<String, Integer> sizes)
      throws Exception {
    URL url = new URL(base + path);
    byte[] buffer = new byte[64 * 1024];
    int size = 0;
    for (int i = 0; i < WARMUP; i++) {
      size = get(url, token, buffer);
    }
    List<Double> millis = new ArrayList<>(READS);
    for (int i = 0; i < READS; i++) {
      long start = System.nanoTime();
      get(url, token, buffer);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    results.put(name, new Percentiles(millis));
    sizes.put(name, size);
  }

  /**
   * What the machine itself adds: one thread reading the clock in a loop for two seconds, counting
   * the gaps over 2 ms in which it was not running (other threads, the hypervisor). A route's p99
   * cannot be better than the stalls the machine gives every thread.
   */
  private static double stallsPerSecond() {
    long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    long last = System.nanoTime();
    int stalls = 0;
    for (long now = last; now < end; now = System.nanoTime()) {
      if (now - last > 2_000_000) {
        stalls++;
      }
      last = now;
    }
    return stalls / 2.0;
  }

  void run() throws Exception {
    BenchHarness harness =
        BenchHarness.with(new BenchCog())
            .config("messaging.mode", "in_process")
            .config("messaging.in_process.max_queue_size", 2 * CHANNELS)
            .config("messaging.in_process.request_timeout", "30m")
            .config("conversation.assistant", "echo")
            .config("shutdown.deadline", "1s");
    harness.start();
    try {
      CogworksBot bot = harness.bot();
      BotAdmin admin = bot.admin().orElseThrow();
      String url = "http://127.0.0.1:" + admin.server().port();
      String token = admin.token().reveal();
      Map<String, Percentiles> results = new LinkedHashMap<>();
      Map<String, Integer> sizes = new LinkedHashMap<>();
      // The same reads with nothing queued: what the queue's depth adds, if anything.
      read(url, token, "/metrics", "empty queue: /metrics", results, sizes);
      read(url, token, "/api/snapshot", "empty queue: /api/snapshot", results, sizes);
      admin.operations().pause();
      long firstChannel = 1L << 50;
      for (int i = 0; i < CHANNELS; i++) {
        bot.messaging()
            .submit(
                new DiscordRequest.SendMessage(firstChannel + i, "queued", SendOptions.DEFAULT));
      }
      InProcessTransport queue = bot.messaging().transport(InProcessTransport.class).orElseThrow();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (queue.stats().queued() < CHANNELS && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      int queued = queue.stats().queued();
      int channels = queue.topChannels(1).channels();

      double stalls = stallsPerSecond();
      for (String path :
          List.of(
              "/metrics",
              "/api/snapshot",
              "/api/snapshot?dead_letters=false",
              "/health/ready",
              "/health/live")) {
        read(url, token, path, path, results, sizes);
      }
      // The registry's own formatting, without HTTP: what /metrics costs the process.
      List<Double> scrape = new ArrayList<>(READS);
      for (int i = 0; i < WARMUP + READS; i++) {
        long start = System.nanoTime();
        String text =
            bot.metrics() instanceof io.micrometer.prometheusmetrics.PrometheusMeterRegistry p
                ? p.scrape()
                : "";
        if (i >= WARMUP) {
          scrape.add((System.nanoTime() - start) / 1e6);
        }
        sizes.put("scrape() in process", text.length());
      }
      results.put("scrape() in process", new Percentiles(scrape));

      System.out.printf(
          Locale.ROOT,
          "Admin server under a paused in_process queue: %,d requests queued in %,d channels%n",
          queued,
          channels);
      System.out.printf(
          Locale.ROOT,
          "%-40s %10s %10s %10s %12s%n",
          "route",
          "p50 ms",
          "p99 ms",
          "max ms",
          "bytes");
      StringBuilder json =
          new StringBuilder(
              "{\"benchmark\":\"admin\",\"queued\":" + queued + ",\"channels\":" + channels);
      for (var e : results.entrySet()) {
        Percentiles p = e.getValue();
        System.out.printf(
            Locale.ROOT,
            "%-40s %10.3f %10.3f %10.3f %,12d%n",
            e.getKey(),
            p.at(50),
            p.at(99),
            p.at(100),
            sizes.get(e.getKey()));
        String key = e.getKey().replaceAll("[^a-z]+", "_").replaceAll("^_|_$", "");
        json.append(
            String.format(
                Locale.ROOT,
                ",\"%s_p50_ms\":%.3f,\"%s_p99_ms\":%.3f",
                key,
                p.at(50),
                key,
                p.at(99)));
      }
      System.out.printf(
          Locale.ROOT,
          "Machine: %.1f stalls over 2 ms per second in a thread that only reads the clock%n",
          stalls);
      json.append(String.format(Locale.ROOT, ",\"stalls_over_2ms_per_s\":%.1f", stalls));
      boolean met =
          results.get("/metrics").at(99) <= 2.0 && results.get("/api/snapshot").at(99) <= 2.0;
      System.out.println(
          "Target (/metrics and /api/snapshot p99 <= 2 ms): " + (met ? "met" : "MISSED"));
      json.append(",\"target_met\":").append(met).append('}');
      System.out.println(json);
    } finally {
      harness.stop();
    }
  }
}
