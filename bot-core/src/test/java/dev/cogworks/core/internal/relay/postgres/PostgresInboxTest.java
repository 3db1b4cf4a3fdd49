package dev.cogworks.core.internal.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.relay.ClaimedRequest;
import dev.cogworks.core.internal.relay.Outgoing;
import dev.cogworks.core.internal.relay.WireRequest;
import dev.cogworks.core.internal.relay.WireResponse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL claim rule against a real server: only channel heads, side by side without
 * waiting, a dead worker's claims after its lease, FIFO per route key, and a claim that does not
 * walk a deep backlog.
 */
@DisplayName("PostgreSQL inbox: the claim rule")
class PostgresInboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static EmbeddedPostgres server;

  private PostgresRelay engine;
  private final List<PostgresInbox> inboxes = new ArrayList<>();

  @BeforeAll
  static void startServer() throws Exception {
    server = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void openEngine() {
    String unique = "t" + Long.toHexString(System.nanoTime());
    engine =
        PostgresRelay.open(
            ConfigLoader.load(
                null,
                ConfigFactory.parseMap(
                    Map.of(
                        "messaging.gateway.request_queue", unique + "_requests",
                        "messaging.gateway.response_queue", unique + "_responses",
                        "messaging.gateway.postgresql.url", url(),
                        "messaging.gateway.postgresql.user", "postgres",
                        "messaging.gateway.lease", LEASE.toMillis() + "ms")),
                PostgresInboxTest.class.getClassLoader()));
  }

  @AfterEach
  void closeEngine() {
    inboxes.forEach(PostgresInbox::abandon);
    engine.close();
  }

  private static String url() {
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
  }

  private PostgresInbox worker(String id) {
    PostgresInbox inbox = (PostgresInbox) engine.inbox();
    inbox.start(id);
    inboxes.add(inbox);
    return inbox;
  }

  private void publish(long routeKey, String... contents) {
    List<WireRequest> batch = new ArrayList<>();
    for (String content : contents) {
      batch.add(request(routeKey, content));
    }
    engine.client().publish(batch);
  }

  private static WireRequest request(long routeKey, String content) {
    return WireRequest.create(
        new DiscordRequest.SendMessage(routeKey, content, SendOptions.DEFAULT),
        Instant.now(),
        Duration.ofMinutes(5),
        "bot_test");
  }

  private static String content(ClaimedRequest<?> claimed) {
    return ((DiscordRequest.SendMessage) WireRequest.fromJson(claimed.json()).request()).content();
  }

  private static List<String> contents(List<? extends ClaimedRequest<?>> claimed) {
    return claimed.stream().map(PostgresInboxTest::content).toList();
  }

  private static WireResponse answer(ClaimedRequest<?> claimed) {
    return WireResponse.failure(
        WireRequest.fromJson(claimed.json()).requestId(),
        new IllegalStateException("test"),
        Instant.now(),
        1,
        "test");
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), "postgres", "");
  }

  private static WireRequest edit(long routeKey, String content) {
    return WireRequest.create(
        new DiscordRequest.EditMessage(routeKey, 99, content, null, null),
        Instant.now(),
        Duration.ofMinutes(5),
        "bot_test");
  }

  private static WireRequest rewritten(WireRequest wire, String content) {
    return new WireRequest(
        wire.requestId(),
        new DiscordRequest.EditMessage(wire.request().routeKey(), 99, content, null, null),
        wire.timestamp(),
        wire.deadline(),
        wire.replyTo());
  }

  private static String editContent(ClaimedRequest<?> claimed) {
    return ((DiscordRequest.EditMessage) WireRequest.fromJson(claimed.json()).request()).content();
  }

  @Test
  @DisplayName("An edit replaces a waiting edit of its message, never one a worker holds")
  void editsMergeWhileUnclaimed() throws Exception {
    WireRequest first = edit(3, "1%");
    engine.client().publishMerging(List.of(Outgoing.plain(first)));
    WireRequest second = edit(3, "2%");

    assertThat(
            engine.client().publishMerging(List.of(new Outgoing(second, rewritten(first, "2%")))))
        .containsExactly(first.requestId());
    PostgresInbox worker = worker("w1");
    List<ClaimedRequest<Long>> claimed = worker.claim(10, Duration.ZERO);
    assertThat(claimed).hasSize(1);
    assertThat(editContent(claimed.get(0))).isEqualTo("2%");
    assertThat(WireRequest.fromJson(claimed.get(0).json()).requestId())
        .isEqualTo(first.requestId());

    WireRequest third = edit(3, "3%");
    assertThat(engine.client().publishMerging(List.of(new Outgoing(third, rewritten(first, "3%")))))
        .as("the first edit is claimed now: the third is a request of its own")
        .isEmpty();
    // Answering hands over the channel's next request: the third edit, as sent.
    ClaimedRequest<Long> next =
        worker.complete(claimed.get(0), answer(claimed.get(0))).orElseThrow();
    assertThat(editContent(next)).isEqualTo("3%");
    assertThat(worker.merges(next)).as("a claim ends merging on PostgreSQL").isFalse();
  }

  @Test
  @DisplayName("Only the oldest request of each channel is claimed, and nothing while it is held")
  void headsOnly() throws Exception {
    publish(1, "a1", "a2", "a3");
    publish(2, "b1", "b2");
    PostgresInbox worker = worker("w1");

    assertThat(contents(worker.claim(10, Duration.ZERO))).containsExactly("a1", "b1");
    assertThat(worker.claim(10, Duration.ZERO)).isEmpty();
  }

  @Test
  @DisplayName("A head locked by another claimer is skipped, not waited for")
  void skipLockedSideBySide() throws Exception {
    publish(1, "a1");
    publish(2, "b1");
    PostgresInbox worker = worker("w1");
    try (Connection other = connect()) {
      other.setAutoCommit(false);
      try (PreparedStatement lock =
          other.prepareStatement(
              "SELECT id FROM " + engine.names.requests() + " WHERE route_key = 1 FOR UPDATE")) {
        lock.executeQuery().close();
      }

      CompletableFuture<List<ClaimedRequest<Long>>> claim =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return worker.claim(10, Duration.ZERO);
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      await().until(claim::isDone);
      assertThat(contents(claim.join())).containsExactly("b1");
      other.rollback();
    }
    assertThat(contents(worker.claim(10, Duration.ZERO))).containsExactly("a1");
  }

  @Test
  @DisplayName("A dead worker's claims are taken over once its lease has run out, not before")
  void deadWorkersClaimsAfterLease() throws Exception {
    publish(1, "a1", "a2");
    PostgresInbox dead = worker("dead");
    assertThat(contents(dead.claim(10, Duration.ZERO))).containsExactly("a1");
    PostgresInbox heir = worker("heir");
    // Its last renewal was at most lease/3 ago: for the next 2/3 of a lease it is alive.
    dead.abandon();

    await()
        .during(LEASE.dividedBy(2))
        .atMost(LEASE)
        .until(() -> heir.claim(10, Duration.ZERO).isEmpty());
    List<ClaimedRequest<Long>> taken =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> heir.claim(10, Duration.ZERO), c -> !c.isEmpty());
    assertThat(contents(taken)).containsExactly("a1");
    assertThat(taken.get(0).deliveries()).isEqualTo(2);
  }

  @Test
  @DisplayName("A channel's requests come in submission order, each next one claimed on answering")
  void fifoPerRouteKey() throws Exception {
    publish(7, "m0", "m1", "m2");
    publish(8, "x0");
    publish(7, "m3", "m4");
    PostgresInbox worker = worker("w1");

    List<String> order = new ArrayList<>();
    List<ClaimedRequest<Long>> heads = worker.claim(10, Duration.ZERO);
    assertThat(contents(heads)).containsExactly("m0", "x0");
    ClaimedRequest<Long> current = heads.get(0);
    while (current != null) {
      order.add(content(current));
      current = worker.complete(current, answer(current)).orElse(null);
    }
    assertThat(order).containsExactly("m0", "m1", "m2", "m3", "m4");
  }

  @Test
  @DisplayName("A batch is stored in the order it was published")
  void publishKeepsBatchOrder() throws Exception {
    List<WireRequest> batch = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      batch.add(request(200 - i % 7, "p" + i));
    }
    engine.client().publish(batch);

    List<String> stored = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT request_id FROM " + engine.names.requests() + " ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        stored.add(rs.getString(1));
      }
    }
    assertThat(stored)
        .containsExactlyElementsOf(batch.stream().map(WireRequest::requestId).toList());
  }

  @Test
  @DisplayName(
      "With 100,000 requests queued behind held heads, a claim reads a few rows, not the backlog")
  void claimDoesNotWalkTheBacklog() throws Exception {
    try (Connection c = connect();
        PreparedStatement fill =
            c.prepareStatement(
                "INSERT INTO "
                    + engine.names.requests()
                    + " (request_id, route_key, action, reply_to, deadline, body)"
                    + " SELECT gen_random_uuid(), 1 + g % 4, 'send_message', 'bot_test',"
                    + " now() + interval '1 hour', '{}' FROM generate_series(1, 100000) g")) {
      fill.executeUpdate();
      c.createStatement().execute("ANALYZE");
    }
    PostgresInbox holder = worker("holder");
    assertThat(holder.claim(10, Duration.ZERO)).hasSize(4);
    PostgresInbox other = worker("other");

    JsonNode claim = explain(other, null);
    JsonNode claimInChannel = explain(other, 1L);

    for (JsonNode plan : List.of(claim, claimInChannel)) {
      assertThat(rowsRead(plan)).as("rows read").isLessThan(100);
      assertThat(plan.path("Shared Hit Blocks").asLong() + plan.path("Shared Read Blocks").asLong())
          .as("buffers touched")
          .isLessThan(200);
    }
  }

  /** The claim's executed plan (its top node), run as {@code inbox}'s and rolled back. */
  private JsonNode explain(PostgresInbox inbox, Long routeKey) throws Exception {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
              inbox.prepareClaim(c, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ", 100, routeKey);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return JSON.readTree(rs.getString(1)).get(0).get("Plan");
      } finally {
        c.rollback();
      }
    }
  }

  /** The most rows any node of the plan looked at (kept or filtered out), over all its loops. */
  private static long rowsRead(JsonNode node) {
    long perLoop =
        node.path("Actual Rows").asLong()
            + node.path("Rows Removed by Filter").asLong()
            + node.path("Rows Removed by Join Filter").asLong();
    long rows = perLoop * Math.max(1, node.path("Actual Loops").asLong());
    for (JsonNode child : node.path("Plans")) {
      rows = Math.max(rows, rowsRead(child));
    }
    return rows;
  }
}
