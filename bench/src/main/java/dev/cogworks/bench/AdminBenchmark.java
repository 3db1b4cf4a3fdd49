package dev.cogworks.bench;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.core.internal.admin.BotAdmin;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import dev.cogworks.core.internal.runtime.CogworksBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/bench.sh admin}: the admin server under a deep queue. The in-process queue is
 * paused and given one request in each of 10,000 channels; then /metrics, /api/snapshot and
 * /health/ready are each read 2,000 times in a row over loopback (after 300 to warm up), and their
 * latency as the client sees it is printed. Target: /metrics and the snapshot under 2 ms at p99.
 * Bounded: 10,000 requests queued, 14,000 reads. Also measured: the same two reads with nothing
 * queued, and the registry's scrape() in process (no HTTP).
 */
final class AdminBenchmark {
  static final int CHANNELS = 10_000;
  static final int WARMUP = 300;
  static final int READS = 2_000;

  private static void read(
      HttpClient http,
      String url,
      String token,
      String path,
      String name,
      Map<String, Percentiles> results,
      Map<String, Integer> sizes)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Authorization", "Bearer " + token)
            .build();
    int size = 0;
    for (int i = 0; i < WARMUP; i++) {
      size = http.send(request, HttpResponse.BodyHandlers.ofString()).body().length();
    }
    List<Double> millis = new ArrayList<>(READS);
    for (int i = 0; i < READS; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      millis.add((System.nanoTime() - start) / 1e6);
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
    }
    results.put(name, new Percentiles(millis));
    sizes.put(name, size);
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
      HttpClient http = HttpClient.newHttpClient();
      String url = "http://127.0.0.1:" + admin.server().port();
      String token = admin.token().reveal();
      Map<String, Percentiles> results = new LinkedHashMap<>();
      Map<String, Integer> sizes = new LinkedHashMap<>();
      // The same reads with nothing queued: what the queue's depth adds, if anything.
      read(http, url, token, "/metrics", "empty queue: /metrics", results, sizes);
      read(http, url, token, "/api/snapshot", "empty queue: /api/snapshot", results, sizes);
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

      for (String path :
          List.of(
              "/metrics", "/api/snapshot", "/api/snapshot?dead_letters=false", "/health/ready")) {
        read(http, url, token, path, path, results, sizes);
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
