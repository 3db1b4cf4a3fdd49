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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code scripts/bench.sh markov}: a generated corpus of 1,000,000 messages, 4 servers of 4
 * channels ingested in parallel (one thread a server), fed to the markov cog's store and model
 * directly (reading history is bounded by Discord's rate limits, not this): ingest throughput
 * committed to PostgreSQL (fsync and synchronous commits on), the model's retained heap after a
 * full GC per stored transition, and {@code speak} latency.
 *
 * <p>It lives in the cog's package to reach its parts without making them public API.
 */
public final class MarkovBenchmark {
  static final int MESSAGES = 1_000_000;
  static final int BATCH = 1_000;

  /** Servers ingested in parallel, each with the same channels. */
  static final int SERVERS = 4;

  static final List<Long> SOURCES = List.of(1L, 2L, 3L, 4L);
  static final int PROFILE_PAGES = 50;
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

  private void measure(MarkovStore store) throws Exception {
    String[] words = new String[VOCABULARY];
    for (int i = 0; i < VOCABULARY; i++) {
      words[i] = "w" + Integer.toString(i, 36);
    }
    profile(store, words);

    LearnedText text = new LearnedText(store, 2);
    long heapBefore = retainedHeap();
    // Each server's pages in its own thread, as the learning loop reads up to gather_parallelism
    // servers at once; one server's pages go one after another (its lock keeps store and model in
    // step).
    ExecutorService servers = Executors.newFixedThreadPool(SERVERS);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int s = 0; s < SERVERS; s++) {
      int server = s;
      done.add(servers.submit(() -> ingestServer(text, server, words)));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    servers.shutdown();
    double perSecond = MESSAGES / seconds;
    long transitions = 0;
    long distinct = 0;
    for (int s = 0; s < SERVERS; s++) {
      transitions += text.model(GUILD + s).transitions();
      distinct += text.model(GUILD + s).words();
    }
    long heap = retainedHeap() - heapBefore;
    double bytesPerTransition = (double) heap / transitions;
    figures.put("messages", MESSAGES);
    figures.put("servers", SERVERS);
    figures.put("ingest_messages_per_s", Math.round(perSecond));
    figures.put("transitions", transitions);
    figures.put("distinct_words", distinct);
    figures.put("retained_heap_bytes", heap);
    figures.put("bytes_per_transition", Math.round(bytesPerTransition * 10) / 10.0);
    rows.add(
        String.format(
            "ingest: %,d messages (%d servers in parallel) in %.1f s = %,.0f messages/s committed"
                + " (target >= 20,000)",
            MESSAGES, SERVERS, seconds, perSecond));
    rows.add(
        String.format(
            "model: %,d transitions, %,d words (summed over servers), %,d bytes retained ="
                + " %.1f bytes/transition (target <= 200)",
            transitions, distinct, heap, bytesPerTransition));

    Random random = new Random(17);
    double[] millis = new double[SPEAKS];
    for (int round = 0; round < 2; round++) { // the first round warms up
      for (int i = 0; i < SPEAKS; i++) {
        GuildModel model = text.model(GUILD + i % SERVERS);
        List<String> first = i % 2 == 0 ? List.of() : List.of(words[zipf(random)]);
        long t0 = System.nanoTime();
        model.speak(SOURCES, first, 32, Speaker.MAX_CHARS, Set.of(), random);
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
            "speak (32 words, %d channels a server, half with a first word): p50 %.3f ms,"
                + " p99 %.3f ms (target p99 <= 5 ms)",
            SOURCES.size(), p50, p99));
  }

  /** One server's share of the corpus, page by page through the cog's own ingest. */
  private static void ingestServer(LearnedText text, int server, String[] words) {
    Random random = new Random(13 + server);
    long guild = GUILD + server;
    int share = MESSAGES / SERVERS;
    Instant at = Instant.now().minusSeconds(MESSAGES);
    List<Learned> page = new ArrayList<>(BATCH);
    for (int i = 0; i < share; i++) {
      long id = (long) server * share + i + 1;
      long channel = SOURCES.get(i % SOURCES.size());
      page.add(
          new Learned(
              id,
              guild,
              channel,
              1000 + random.nextInt(500),
              at.plusSeconds(i),
              sentence(random, words)));
      if (page.size() == BATCH) {
        // one channel's page, as the learning loop stores it: one transaction
        text.ingest(guild, page.get(0).channelId(), page, id);
        page = new ArrayList<>(BATCH);
      }
    }
  }

  /**
   * Where one page's time goes, single-threaded, on a server of its own (deleted after): the store
   * (the insert, the read position and the commit) and the model's update, timed apart.
   */
  private void profile(MarkovStore store, String[] words) {
    Random random = new Random(11);
    long guild = GUILD - 1;
    GuildModel model = new GuildModel(2);
    Instant at = Instant.now().minusSeconds(MESSAGES);
    long storeNanos = 0;
    long modelNanos = 0;
    int pages = PROFILE_PAGES;
    for (int p = 0; p < pages; p++) {
      List<Learned> page = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        long id = -(1L + (long) p * BATCH + i); // apart from the corpus's ids
        page.add(
            new Learned(id, guild, 7, 1000 + random.nextInt(500), at, sentence(random, words)));
      }
      long t0 = System.nanoTime();
      List<Learned> kept = store.store(7, page, 0);
      long t1 = System.nanoTime();
      kept.forEach(m -> model.learn(m.channelId(), m.tokens()));
      long t2 = System.nanoTime();
      if (p >= pages / 5) { // the first fifth warms up
        storeNanos += t1 - t0;
        modelNanos += t2 - t1;
      }
    }
    int timed = pages - pages / 5;
    double storeMs = storeNanos / 1e6 / timed;
    double modelMs = modelNanos / 1e6 / timed;
    store.deleteWhere("guild_id = ?", guild);
    figures.put("profile_page_store_ms", Math.round(storeMs * 100) / 100.0);
    figures.put("profile_page_model_ms", Math.round(modelMs * 100) / 100.0);
    rows.add(
        String.format(
            "profile, one thread, per %,d-message page: PostgreSQL (insert, read position, commit)"
                + " %.2f ms, model update %.2f ms = %,.0f messages/s",
            BATCH, storeMs, modelMs, BATCH * 1000 / (storeMs + modelMs)));
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
