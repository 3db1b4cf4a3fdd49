package dev.cogworks.markov;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.db.Database;
import dev.cogworks.markov.MarkovStore.Learned;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code scripts/bench.sh markov}: a generated corpus of 1,000,000 messages fed to the markov cog's
 * store and model directly (reading history is bounded by Discord's rate limits, not this): ingest
 * throughput committed to PostgreSQL (fsync and synchronous commits on), the model's retained heap
 * after a full GC per stored transition, and {@code speak} latency.
 *
 * <p>It lives in the cog's package to reach its parts without making them public API.
 */
public final class MarkovBenchmark {
  static final int MESSAGES = 1_000_000;
  static final int BATCH = 1_000;
  static final int CHANNELS = 4;
  static final int VOCABULARY = 20_000;
  static final int SPEAKS = 20_000;
  static final long GUILD = 1L << 40;

  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final List<String> rows = new ArrayList<>();

  public void run() throws Exception {
    Path dir = Files.createTempDirectory("cogworks-bench-markov");
    // The bot's own embedded PostgreSQL, durable as it runs for users (fsync and synchronous
    // commits on): what a commit really costs.
    try (Database database =
        Database.open(new CogworksConfig.Database("", "", "", dir, 8, Duration.ofSeconds(10)))) {
      database.migrate("markov", "db/migration/markov", MarkovCog.class.getClassLoader());
      measure(new MarkovStore(database.jdbi()));
    }
    System.out.println("markov benchmark");
    rows.forEach(System.out::println);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "markov");
    result.putAll(figures);
    System.out.println(new ObjectMapper().writeValueAsString(result));
  }

  private void measure(MarkovStore store) {
    String[] words = new String[VOCABULARY];
    for (int i = 0; i < VOCABULARY; i++) {
      words[i] = "w" + Integer.toString(i, 36);
    }
    Random random = new Random(13);
    LearnedText text = new LearnedText(store, 2);
    long heapBefore = retainedHeap();
    Instant at = Instant.now().minusSeconds(MESSAGES);
    long start = System.nanoTime();
    List<Learned> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < MESSAGES; i++) {
      batch.add(
          new Learned(
              i + 1L,
              GUILD,
              1 + (i % CHANNELS),
              1000 + random.nextInt(500),
              at.plusSeconds(i),
              sentence(random, words)));
      if (batch.size() == BATCH) {
        // one channel's page, as the learning loop stores it: one transaction
        text.ingest(GUILD, batch.get(0).channelId(), batch, i + 1L);
        batch = new ArrayList<>(BATCH);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double perSecond = MESSAGES / seconds;
    GuildModel model = text.model(GUILD);
    long transitions = model.transitions();
    long heap = retainedHeap() - heapBefore;
    double bytesPerTransition = (double) heap / transitions;
    figures.put("messages", MESSAGES);
    figures.put("ingest_messages_per_s", Math.round(perSecond));
    figures.put("transitions", transitions);
    figures.put("distinct_words", model.words());
    figures.put("retained_heap_bytes", heap);
    figures.put("bytes_per_transition", Math.round(bytesPerTransition * 10) / 10.0);
    rows.add(
        String.format(
            "ingest: %,d messages in %.1f s = %,.0f messages/s committed (target >= 20,000)",
            MESSAGES, seconds, perSecond));
    rows.add(
        String.format(
            "model: %,d transitions, %,d words, %,d bytes retained = %.1f bytes/transition"
                + " (target <= 200)",
            transitions, model.words(), heap, bytesPerTransition));

    List<Long> sources = List.of(1L, 2L, 3L, 4L);
    double[] millis = new double[SPEAKS];
    for (int round = 0; round < 2; round++) { // the first round warms up
      for (int i = 0; i < SPEAKS; i++) {
        List<String> first = i % 2 == 0 ? List.of() : List.of(words[zipf(random)]);
        long t0 = System.nanoTime();
        model.speak(sources, first, 32, Speaker.MAX_CHARS, Set.of(), random);
        millis[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    Arrays.sort(millis);
    double p50 = millis[SPEAKS / 2];
    double p99 = millis[(int) Math.ceil(SPEAKS * 0.99) - 1];
    figures.put("speak_p50_ms", Math.round(p50 * 1000) / 1000.0);
    figures.put("speak_p99_ms", Math.round(p99 * 1000) / 1000.0);
    rows.add(
        String.format(
            "speak (32 words, 4 channels, half with a first word): p50 %.3f ms, p99 %.3f ms"
                + " (target p99 <= 5 ms)",
            p50, p99));
  }

  /** A message of 3 to 20 words drawn with Zipf-like frequencies, as chat is. */
  private static String sentence(Random random, String[] words) {
    int n = 3 + random.nextInt(18);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(words[zipf(random)]);
    }
    return out.toString();
  }

  private static int zipf(Random random) {
    // inverse of a power law over the vocabulary: a few words are very common, most are rare
    double u = random.nextDouble();
    return (int) Math.min(VOCABULARY - 1, Math.floor(Math.pow(VOCABULARY, u) - 1));
  }

  private static long retainedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
