package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.conversation.ConversationRequest;
import dev.cogworks.core.internal.messaging.DeadLetters.DeadLetter;
import dev.cogworks.core.internal.relay.RelayTransport;
import dev.cogworks.core.internal.runtime.BotRunner;
import dev.cogworks.core.internal.runtime.CogworksBot;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.TestClock;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.testkit.TestEngines;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two bot processes, shards 0/2 and 1/2, on ONE PostgreSQL (and, in external_gateway, one engine:
 * the gateway's tables in that same database, one worker). What a process keeps in the database for
 * later (requests kept at a stop, dead letters, the conversation queue) is its shards' alone: the
 * other never lists, replays, resumes or takes it, and a restart of one resumes exactly its own.
 * Starting both at once on an empty database also runs their migrations side by side.
 */
@DisplayName("Sharding on one database: two processes (shards 0/2, 1/2) each keep to their shards")
class SharedDatabaseShardsTest {
  private static final String SEND_ROUTE = "POST /channels/{channel_id}/messages";

  /**
   * Discord sends a guild's member list once per 30 s, and a bot asks for it at every start: each
   * start moves the simulator's clock past that window (as the test kit does), instead of waiting.
   */
  private static final Duration MEMBER_LIST_WINDOW = Duration.ofSeconds(31);

  private static final TestClock clock = TestClock.ticking();
  private static DiscordSim sim;
  private static EmbeddedPostgres postgres;
  private static SimBot account;
  private static long alice;
  private static long bob;
  private static final SimGuild[] guilds = new SimGuild[2];
  private static final long[] channels = new long[2];

  @BeforeAll
  static void startDiscordAndPostgres() {
    // Discord's limits, 100 times looser; IDENTIFYs 100 ms apart instead of 5 s (as the test kit's)
    // and two at once (max_concurrency 2, as larger bots have), so the processes start side by
    // side: this test is about where rows go, not about pacing or session starts.
    sim =
        DiscordSim.start(
            SimOptions.defaults()
                .withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.01))
                .withIdentifySpacing(Duration.ofMillis(100))
                .withSessionStartLimit(1000, 2)
                .withClock(clock));
    postgres =
        TestEngines.newPostgres(
            TestEngines.freePort(), TestEngines.tempDir("cogworks-shared-shards").resolve("pg"));
    alice = sim.control().createUser("alice").id;
    bob = sim.control().createUser("bob").id;
    for (int shard = 0; shard < 2; shard++) {
      SimGuild guild = sim.control().createGuildOnShard("shard" + shard, null, shard, 2);
      sim.control().addMember(guild.id, alice, List.of());
      sim.control().addMember(guild.id, bob, List.of());
      guilds[shard] = guild;
    }
    account = SandboxSeed.createBot(sim.control(), "Cogworks");
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
    if (postgres != null) {
      TestEngines.close(postgres);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in_process", "external_gateway"})
  @DisplayName(
      "Dead letters, kept requests and queued conversations stay with their shard's process,"
          + " across a restart of the other")
  void eachProcessKeepsToItsShards(String mode) throws Exception {
    String url = database("shards_" + mode);
    for (int shard = 0; shard < 2; shard++) {
      // Channels of this mode's own: what the other mode's run posted is not counted here.
      channels[shard] = sim.control().createChannel(guilds[shard].id, mode.replace('_', '-')).id;
    }
    Process a = new Process(0, mode, url, mode.equals("external_gateway") ? 1 : 0);
    Process b = new Process(1, mode, url, 0);
    try (a;
        b) {
      // Given both processes started at once on an empty database (migrations side by side)
      CompletableFuture<Void> startA = CompletableFuture.runAsync(a::start);
      CompletableFuture<Void> startB = CompletableFuture.runAsync(b::start);
      CompletableFuture.allOf(startA, startB).get(120, TimeUnit.SECONDS);

      deadLettersAreListedAndRetriedByTheirShardOnly(a, b);
      keptRequestsComeBackToTheirShardOnly(a, b, url, mode);
      queuedConversationsResumeOnTheirShardOnly(a, b, url);
    }
  }

  private void deadLettersAreListedAndRetriedByTheirShardOnly(Process a, Process b)
      throws Exception {
    // When each process's send fails for good
    for (Process p : List.of(a, b)) {
      sim.control().faults().add(new Fault.ServerError(SEND_ROUTE, 400, 0, 1));
      assertThatThrownBy(
              () -> p.probe.send(p.channel(), p.name + "-dead").get(30, TimeUnit.SECONDS))
          .isInstanceOf(java.util.concurrent.ExecutionException.class);
    }
    sim.control().clearFaults();

    // Then each lists and counts its own letter alone
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> a.letters().size() == 1 && b.letters().size() == 1);
    DeadLetter ofA = a.letters().get(0);
    DeadLetter ofB = b.letters().get(0);
    assertThat(ofA.routeKey()).isEqualTo(a.channel());
    assertThat(ofB.routeKey()).isEqualTo(b.channel());
    assertThat(a.bot().messaging().deadLetters().count()).isEqualTo(1);

    // and can neither replay nor discard the other's
    assertThat(a.bot().messaging().retryDeadLetter(ofB.id())).isEmpty();
    assertThat(a.bot().messaging().deadLetters().discard(ofB.id())).isFalse();
    assertThat(b.bot().messaging().retryDeadLetter(ofA.id())).isEmpty();

    // while its own, retried, is delivered once
    for (Process p : List.of(a, b)) {
      DeadLetter own = p.letters().get(0);
      p.bot().messaging().retryDeadLetter(own.id()).orElseThrow().get(20, TimeUnit.SECONDS);
      assertThat(contents(p.channel())).containsOnlyOnce(p.name + "-dead");
      await().until(() -> p.letters().isEmpty());
    }
  }

  private void keptRequestsComeBackToTheirShardOnly(Process a, Process b, String url, String mode)
      throws Exception {
    long direct = sim.control().openDirectMessage(bob, account.user.id).id;
    String dm = "b-dm-" + mode + "-";
    // Given sends that cannot go out before the stop: held in the bot's memory (external_gateway:
    // the relay paused), or behind a first send that takes 2 s (in_process: one at a time per
    // channel, and shutdown waits 1 s).
    if (mode.equals("external_gateway")) {
      a.relay().pause();
      b.relay().pause();
    } else {
      sim.control().faults().add(new Fault.Latency(SEND_ROUTE, 2000));
    }
    List<String> ofA = IntStream.rangeClosed(1, 3).mapToObj(i -> "a-kept-" + i).toList();
    List<String> ofB = IntStream.rangeClosed(1, 3).mapToObj(i -> "b-kept-" + i).toList();
    List<String> directOfB = List.of(dm + 1, dm + 2);
    ofA.forEach(text -> a.probe.send(a.channel(), text));
    ofB.forEach(text -> b.probe.send(b.channel(), text));
    // A direct message has no guild: it stays with the process that sent it (B, without shard 0)
    directOfB.forEach(text -> b.probe.send(direct, text));

    // When B stops (its requests kept under shard 1) and A restarts while B is away
    b.stop();
    long keptOfB = count(url, "SELECT count(*) FROM core_pending_requests WHERE shard = 1");
    assertThat(keptOfB).as("B kept some of its sends").isPositive();
    assertThat(
            count(
                url,
                "SELECT count(*) FROM core_pending_requests WHERE shard = 1"
                    + " AND request::text LIKE '%"
                    + dm
                    + "2%'"))
        .as("B's direct message is kept under B's shard")
        .isEqualTo(1);
    a.restart(
        () -> {
          sim.control().clearFaults();
          // What A had already handed to Discord lands before A is back (not kept, not resent).
          landedOrKept(a.channel(), "a-kept-", 0, ofA.size(), url);
        });

    // Then A sends its own, once and in order, and leaves B's rows alone
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(matching(a.channel(), "a-kept-")).containsExactlyElementsOf(ofA));
    assertThat(count(url, "SELECT count(*) FROM core_pending_requests WHERE shard = 1"))
        .isEqualTo(keptOfB);
    assertThat(count(url, "SELECT count(*) FROM core_pending_requests WHERE shard = 0")).isZero();
    assertThat(matching(direct, dm)).doesNotContain(dm + 2);

    // And B, started again, sends exactly its own
    landedOrKept(b.channel(), "b-kept-", 1, ofB.size(), url);
    landedOrKept(direct, dm, 1, directOfB.size(), url);
    b.start();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(matching(b.channel(), "b-kept-")).containsExactlyElementsOf(ofB);
              assertThat(matching(direct, dm)).containsExactlyElementsOf(directOfB);
            });
    assertThat(count(url, "SELECT count(*) FROM core_pending_requests")).isZero();
    assertThat(matching(a.channel(), "a-kept-")).containsExactlyElementsOf(ofA);
  }

  private void queuedConversationsResumeOnTheirShardOnly(Process a, Process b, String url)
      throws Exception {
    // Given the conversation queue paused by an owner through A: B follows (one flag for the bot)
    a.bot().conversation().orElseThrow().queue().setPaused(true);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> b.bot().conversation().orElseThrow().queue().paused());
    // and a question waiting in each process's server
    sim.control().postMessage(a.channel(), alice, "!ask hello from shard zero");
    sim.control().postMessage(b.channel(), bob, "!ask hello from shard one");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> waiting(a).size() == 1 && waiting(b).size() == 1);

    // When B stops and A restarts while B is away
    b.stop();
    a.restart(() -> {});

    // Then A resumes its own question alone; B's stays stored, untouched
    assertThat(waiting(a))
        .singleElement()
        .satisfies(r -> assertThat(r.guildId()).isEqualTo(guilds[0].id));
    assertThat(
            count(
                url,
                "SELECT count(*) FROM conversation_request WHERE status = 'QUEUED' AND user_id = "
                    + bob))
        .isEqualTo(1);

    // And B, started again, resumes exactly its own; resumed through A, both are answered once
    b.start();
    assertThat(waiting(b))
        .singleElement()
        .satisfies(r -> assertThat(r.guildId()).isEqualTo(guilds[1].id));
    a.bot().conversation().orElseThrow().queue().setPaused(false);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        count(
                            url,
                            "SELECT count(*) FROM conversation_request WHERE status = 'COMPLETED'"))
                    .isEqualTo(2));
    assertThat(count(url, "SELECT count(*) FROM conversation_turn WHERE role = 'ASSISTANT'"))
        .isEqualTo(2);

    // Given a question of alice's waiting in B (paused again)
    a.bot().conversation().orElseThrow().queue().setPaused(true);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> b.bot().conversation().orElseThrow().queue().paused());
    sim.control().postMessage(b.channel(), alice, "!ask never to be answered");
    await().atMost(Duration.ofSeconds(20)).until(() -> waiting(b).size() == 1);
    // When alice's data is deleted through A (mydata delete there) and the queue resumes
    a.bot().conversation().orElseThrow().userData().delete(alice);
    a.bot().conversation().orElseThrow().queue().setPaused(false);
    // Then B drops the question at its turn, tells her, and never answers it
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(b.bot().conversation().orElseThrow().queue().snapshot().size()).isZero();
              assertThat(contents(b.channel())).anyMatch(c -> c.startsWith("✖️ Cancelled"));
            });
    assertThat(contents(b.channel())).noneMatch(c -> c.contains("never to be answered"));
    assertThat(count(url, "SELECT count(*) FROM conversation_request WHERE user_id = " + alice))
        .isZero();
    assertThat(count(url, "SELECT count(*) FROM conversation_turn WHERE user_id = " + alice))
        .isZero();
  }

  /**
   * Waits until each of {@code expected} sends is either posted in {@code channel} or kept under
   * {@code shard}: a send already at Discord when its process stopped lands on its own.
   */
  private static void landedOrKept(
      long channel, String prefix, int shard, int expected, String url) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                matching(channel, prefix).size()
                        + count(
                            url,
                            "SELECT count(*) FROM core_pending_requests WHERE shard = "
                                + shard
                                + " AND request::text LIKE '%"
                                + prefix
                                + "%'")
                    == expected);
  }

  private static List<ConversationRequest> waiting(Process p) {
    return p.bot().conversation().orElseThrow().queue().snapshot().waiting();
  }

  private static List<String> contents(long channel) {
    return sim.control().messages(channel).stream()
        .filter(m -> m.author.id == account.user.id)
        .map(m -> m.content)
        .toList();
  }

  private static List<String> matching(long channel, String prefix) {
    return contents(channel).stream().filter(c -> c.startsWith(prefix)).toList();
  }

  /** A database of its own in the shared server, for one mode's two processes. */
  private static String database(String name) throws SQLException {
    try (Connection c =
        DriverManager.getConnection(TestEngines.jdbcUrl(postgres.getPort()), "postgres", "")) {
      c.createStatement().execute("CREATE DATABASE " + name);
    }
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
  }

  private static long count(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** One bot process: a shard of two, its own probe cog, the shared database. */
  private static final class Process implements AutoCloseable {
    final String name;
    final int shard;
    final int workers;
    final Map<String, Object> settings = new HashMap<>();
    ProbeCog probe;
    BotRunner runner;

    Process(int shard, String mode, String url, int workers) {
      this.name = shard == 0 ? "a" : "b";
      this.shard = shard;
      this.workers = workers;
      settings.put("discord.token", account.token);
      settings.put("discord.rest_url", sim.restBaseUrl());
      settings.put("discord.gateway_url", sim.gatewayUrl());
      settings.put("discord.shards.total", 2);
      settings.put("discord.shards.ids", List.of(shard));
      settings.put("database.url", url);
      settings.put("database.user", "postgres");
      settings.put("messaging.mode", mode);
      settings.put("conversation.assistant", "echo");
      settings.put("admin.enabled", false);
      settings.put("shutdown.deadline", "1s");
    }

    void start() {
      clock.advance(MEMBER_LIST_WINDOW);
      probe = new ProbeCog();
      runner =
          new BotRunner(List.of(probe), SharedDatabaseShardsTest.class.getClassLoader(), workers);
      try {
        runner.start(settings);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Stops the bot, runs {@code whileStopped}, starts it again (its worker keeps running). */
    void restart(Runnable whileStopped) throws InterruptedException {
      runner.restart(
          settings,
          () -> {
            whileStopped.run();
            clock.advance(MEMBER_LIST_WINDOW);
          });
    }

    /** Stops the bot and its workers. */
    void stop() {
      runner.close();
      runner = null;
    }

    CogworksBot bot() {
      return runner.bot();
    }

    long channel() {
      return channels[shard];
    }

    List<DeadLetter> letters() {
      return bot().messaging().deadLetters().list(10);
    }

    RelayTransport relay() {
      return bot().messaging().transport(RelayTransport.class).orElseThrow();
    }

    @Override
    public void close() {
      if (runner != null) {
        stop();
      }
    }
  }
}
