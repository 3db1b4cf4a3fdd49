package dev.cogworks.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.conversation.Admission;
import dev.cogworks.core.internal.conversation.ConversationMetrics;
import dev.cogworks.core.internal.conversation.ConversationQueue;
import dev.cogworks.core.internal.conversation.ConversationStore;
import dev.cogworks.core.internal.conversation.NewRequest;
import dev.cogworks.core.internal.db.Database;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimUser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code bench.jar conversation}: how fast the conversation queue takes requests. First through the
 * {@code ConversationQueue} API, 1,000 distinct people a round, each request committed to
 * PostgreSQL with {@code synchronous_commit = on} before it counts as accepted; then end to end
 * through the simulator, 100 people asking with {@code !ask} at once and the echo assistant
 * answering. Prints a table, then one JSON line with every figure.
 */
final class ConversationBenchmark {
  private static final int PEOPLE = 1_000;
  private static final int ROUNDS = 5;
  private static final int E2E_PEOPLE = 100;
  private static final int E2E_CHANNELS = 20;

  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final List<String> rows = new ArrayList<>();

  void run() throws Exception {
    api();
    endToEnd();
    System.out.println();
    System.out.println("conversation benchmark");
    rows.forEach(System.out::println);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "conversation");
    result.putAll(figures);
    System.out.println(new ObjectMapper().writeValueAsString(result));
  }

  private void api() throws Exception {
    Path dir = Files.createTempDirectory("cogworks-bench-conv");
    // The bot's own embedded PostgreSQL, durable as it runs for users (fsync and synchronous
    // commits on): what a commit really costs.
    try (Database database =
        Database.open(new CogworksConfig.Database("", "", "", dir, 40, Duration.ofSeconds(10)))) {
      database.migrate("core", "db/migration/core", Database.class.getClassLoader());
      var jdbi = database.jdbi();
      String syncCommit =
          jdbi.withHandle(h -> h.createQuery("SHOW synchronous_commit").mapTo(String.class).one());
      String fsync = jdbi.withHandle(h -> h.createQuery("SHOW fsync").mapTo(String.class).one());
      figures.put("synchronous_commit", syncCommit);
      figures.put("fsync", fsync);
      rows.add(
          String.format(
              "PostgreSQL: synchronous_commit=%s, fsync=%s, %d cores",
              syncCommit, fsync, Runtime.getRuntime().availableProcessors()));
      rows.add(
          String.format(
              "%-34s %10s %9s %9s %9s",
              "API, 1,000 people a round", "req/s", "p50 ms", "p99 ms", "max ms"));
      for (int threads : new int[] {1, 4, 16}) {
        for (int quota : new int[] {0, 10}) {
          apiRounds(jdbi, threads, quota);
        }
      }
    }
  }

  private void apiRounds(org.jdbi.v3.core.Jdbi jdbi, int threads, int quota) throws Exception {
    CogworksConfig.Conversation config =
        new CogworksConfig.Conversation(
            "echo",
            PEOPLE * 2,
            Duration.ofMinutes(30),
            1,
            20,
            Duration.ofSeconds(300),
            Duration.ZERO,
            1.0,
            quota,
            true,
            ConfigFactory.empty());
    Histogram latencies = new ConcurrentHistogram(3);
    List<Double> throughputs = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // One round to warm up (JIT, connections), not counted.
      for (int round = 0; round <= ROUNDS; round++) {
        jdbi.useHandle(h -> h.execute("TRUNCATE conversation_request"));
        ConversationQueue queue =
            new ConversationQueue(
                config,
                new ConversationStore(jdbi),
                new ConversationMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC());
        Histogram roundLatencies = new Histogram(3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
          pool.execute(
              () -> {
                try {
                  int i;
                  while ((i = next.getAndIncrement()) < PEOPLE) {
                    long before = System.nanoTime();
                    Admission admitted =
                        queue.submit(
                            new NewRequest(
                                1_000_000_000L + i, 42, 4242, 0, "benchmark question " + i));
                    long took = System.nanoTime() - before;
                    synchronized (roundLatencies) {
                      roundLatencies.recordValue(took / 1_000);
                    }
                    if (!(admitted instanceof Admission.Accepted)) {
                      refused.incrementAndGet();
                    }
                  }
                } finally {
                  done.countDown();
                }
              });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (refused.get() > 0) {
          throw new IllegalStateException(refused.get() + " requests refused in a benchmark round");
        }
        if (round > 0) {
          throughputs.add(PEOPLE / seconds);
          latencies.add(roundLatencies);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    throughputs.sort(Double::compare);
    double median = throughputs.get(throughputs.size() / 2);
    double p50 = latencies.getValueAtPercentile(50) / 1000.0;
    double p99 = latencies.getValueAtPercentile(99) / 1000.0;
    double max = latencies.getMaxValue() / 1000.0;
    String label = "threads " + threads + (quota > 0 ? ", daily_quota " + quota : "");
    rows.add(
        String.format(Locale.ROOT, "%-34s %10.0f %9.3f %9.3f %9.3f", label, median, p50, p99, max));
    String key = "api_t" + threads + (quota > 0 ? "_quota" : "");
    figures.put(key + "_per_second_median", Math.round(median));
    figures.put(key + "_per_second_min", Math.round(throughputs.get(0)));
    figures.put(key + "_p50_ms", p50);
    figures.put(key + "_p99_ms", p99);
    figures.put(key + "_max_ms", max);
  }

  private void endToEnd() throws Exception {
    BenchHarness harness =
        BenchHarness.with()
            .config("messaging.mode", "in_process")
            .config("conversation.assistant", "echo")
            .config("conversation.max_queue_size", 1_000)
            .config("conversation.workers", 4);
    harness.start();
    try {
      var control = harness.sim().control();
      List<SimChannel> channels = new ArrayList<>();
      for (int c = 0; c < E2E_CHANNELS; c++) {
        channels.add(control.createChannel(harness.guild().id, "ask-" + c));
      }
      List<SimUser> users = new ArrayList<>();
      for (int u = 0; u < E2E_PEOPLE; u++) {
        SimUser user = control.createUser("asker" + u);
        control.addMember(harness.guild().id, user.id, List.of());
        users.add(user);
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  channels.stream()
                      .allMatch(c -> harness.bot().shards().getTextChannelById(c.id) != null));
      long editsBefore = control.stats().messagesEdited();
      long limitedBefore = control.stats().totalRateLimited();
      List<SimMessage> questions = new ArrayList<>();
      long start = System.nanoTime();
      for (int u = 0; u < E2E_PEOPLE; u++) {
        SimChannel channel = channels.get(u % E2E_CHANNELS);
        questions.add(control.postMessage(channel.id, users.get(u).id, "!ask hello number " + u));
      }
      Map<Long, SimMessage> answers = new LinkedHashMap<>();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                for (SimMessage question : questions) {
                  if (!answers.containsKey(question.id)) {
                    control.messages(question.channelId).stream()
                        .filter(
                            m ->
                                m.referencedMessage != null
                                    && m.referencedMessage.id == question.id
                                    && m.content.startsWith("You said"))
                        .findFirst()
                        .ifPresent(m -> answers.put(question.id, m));
                  }
                }
                return answers.size() == E2E_PEOPLE;
              });
      double seconds = (System.nanoTime() - start) / 1e9;
      Histogram queued = new Histogram(3);
      Histogram answered = new Histogram(3);
      for (SimMessage question : questions) {
        SimMessage status = answers.get(question.id);
        long asked = question.createdAt().toEpochMilli();
        queued.recordValue(Math.max(0, status.createdAt().toEpochMilli() - asked));
        answered.recordValue(Math.max(0, status.editedAt.toEpochMilli() - asked));
      }
      long edits = control.stats().messagesEdited() - editsBefore;
      long limited = control.stats().totalRateLimited() - limitedBefore;
      rows.add(
          String.format(
              Locale.ROOT,
              "end to end, %d people in %d channels: all answered in %.2f s (%.1f answers/s);"
                  + " status message after p50 %d ms, p99 %d ms; answer after p50 %d ms, p99 %d"
                  + " ms; %d edits, %d 429s",
              E2E_PEOPLE,
              E2E_CHANNELS,
              seconds,
              E2E_PEOPLE / seconds,
              queued.getValueAtPercentile(50),
              queued.getValueAtPercentile(99),
              answered.getValueAtPercentile(50),
              answered.getValueAtPercentile(99),
              edits,
              limited));
      figures.put("e2e_people", E2E_PEOPLE);
      figures.put("e2e_seconds", Math.round(seconds * 100) / 100.0);
      figures.put("e2e_answers_per_second", Math.round(E2E_PEOPLE / seconds * 10) / 10.0);
      figures.put("e2e_status_p50_ms", queued.getValueAtPercentile(50));
      figures.put("e2e_status_p99_ms", queued.getValueAtPercentile(99));
      figures.put("e2e_answer_p50_ms", answered.getValueAtPercentile(50));
      figures.put("e2e_answer_p99_ms", answered.getValueAtPercentile(99));
      figures.put("e2e_edits", edits);
      figures.put("e2e_429s", limited);
    } finally {
      harness.stop();
    }
  }
}
