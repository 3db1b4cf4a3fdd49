package dev.cogworks.app.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.admin.BotAdmin;
import dev.cogworks.sim.SimOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The admin server of a running bot, over HTTP as an operator's tools call it: the token rule,
 * readiness with its parts, Prometheus metrics (checked by {@code promtool}), the snapshot, pause
 * and resume, dead letters, and a shard reconnecting. Run in each messaging mode.
 */
abstract class AdminContract {
  static final File PROMTOOL = new File("/usr/bin/promtool");

  static PlatformHarness harness(String mode, ProbeCog probe) {
    return PlatformHarness.with(probe)
        .config("messaging.mode", mode)
        .owners("alice")
        // A missed heartbeat is noticed within a second or two: the reconnect test waits that long.
        .simOptions(SimOptions.defaults().withHeartbeatInterval(Duration.ofSeconds(1)));
  }

  abstract PlatformHarness bot();

  abstract ProbeCog probe();

  BotAdmin admin() {
    return bot().bot().admin().orElseThrow();
  }

  AdminHttp http() {
    return new AdminHttp(admin().server().port(), admin().token().reveal());
  }

  @Test
  @DisplayName(
      "Only /health/live answers without the token; a missing or wrong token is 401, never 200")
  void tokenRule() throws Exception {
    AdminHttp http = http();
    assertThat(http.getWith("/health/live", null).status()).isEqualTo(200);
    for (String path : List.of("/health/ready", "/metrics", "/api/snapshot", "/api/dead-letters")) {
      AdminHttp.Answer none = http.getWith(path, null);
      assertThat(none.status()).as(path + " without a token").isEqualTo(401);
      assertThat(none.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer");
      assertThat(http.getWith(path, "wrong").status())
          .as(path + " with a wrong one")
          .isEqualTo(401);
    }
    assertThat(http.getWith("/api/queue/pause", null).status())
        .as("state changes are POST only, and need the token")
        .isIn(401, 404, 405);
    Path file = Path.of(bot().bot().config().admin().tokenFile().toString());
    assertThat(Files.readString(file, StandardCharsets.UTF_8).strip())
        .isEqualTo(admin().token().reveal());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  @DisplayName("/health/ready is READY with each part, the queue's depth and the rate-limit status")
  void ready() {
    AdminHttp.Answer ready = http().get("/health/ready");
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    JsonNode json = ready.json();
    assertThat(json.path("status").asText()).isEqualTo("READY");
    assertThat(json.path("parts").path("shards").path("up").asBoolean()).isTrue();
    assertThat(json.path("parts").path("database").path("up").asBoolean()).isTrue();
    assertThat(json.has("queue_depth")).isTrue();
    JsonNode limits = json.path("rate_limits");
    assertThat(limits.path("invalid_requests_limit").asInt()).isEqualTo(10_000);
    assertThat(limits.has("invalid_requests_last_10_minutes")).isTrue();
    assertThat(limits.has("rate_limited_last_10_minutes")).isTrue();
    assertThat(limits.has("global_used_last_second")).isTrue();
    assertThat(limits.has("buckets_exhausted")).isTrue();
  }

  @Test
  @DisplayName("/metrics is Prometheus text that promtool accepts, with JVM, pool and queue series")
  void metrics() throws Exception {
    long general = bot().channel("general").id;
    probe().send(general, "a metric or two").get(20, TimeUnit.SECONDS);
    AdminHttp.Answer metrics = http().get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw().headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain");
    assertThat(metrics.body())
        .contains("jvm_memory_used_bytes")
        .contains("jvm_threads_states_threads{state=\"runnable\"}")
        .contains("process_cpu_usage")
        .contains("hikaricp_connections")
        .contains("cogworks_discord_gateway_ping")
        .contains("cogworks_messaging_latency_seconds_bucket");
    assertThat(promtool(metrics.body())).isEmpty();
  }

  /** promtool's complaints about {@code text}; empty when it accepts it. */
  static String promtool(String text) throws Exception {
    if (!PROMTOOL.canExecute()) {
      throw new AssertionError(
          "The metrics test needs promtool at /usr/bin/promtool: install Debian's `prometheus`"
              + " package (`apt-get install prometheus`), or run .ci/run, which does.");
    }
    Process check =
        new ProcessBuilder(PROMTOOL.getPath(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    check.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    check.getOutputStream().close();
    String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    check.waitFor(30, TimeUnit.SECONDS);
    return check.exitValue() == 0 ? "" : said;
  }

  @Test
  @DisplayName("The snapshot says the mode, the queue or gateway, limits, dead letters, history")
  void snapshot() {
    JsonNode json = http().get("/api/snapshot").json();
    assertThat(json.path("mode").asText())
        .isEqualTo(bot().bot().config().messaging().mode().name().toLowerCase());
    assertThat(json.path("shards").size()).isEqualTo(1);
    assertThat(json.path("rate_limits").isObject()).isTrue();
    assertThat(json.path("dead_letters").has("count")).isTrue();
    assertThat(json.path("history").path("resolution_seconds").asInt()).isEqualTo(10);
    modeSpecificSnapshot(json);
  }

  abstract void modeSpecificSnapshot(JsonNode snapshot);

  /** A send to a channel deleted meanwhile: it fails for good and becomes a dead letter. */
  long makeDeadLetter() {
    long gone = bot().sim().control().createChannel(bot().guild().id, "doomed").id;
    await().until(() -> bot().bot().shards().getTextChannelById(gone) != null);
    bot().sim().control().deleteChannel(gone);
    CompletableFuture<SentMessage> failed = probe().send(gone, "into the void");
    await().atMost(Duration.ofSeconds(20)).until(failed::isDone);
    return gone;
  }

  @Test
  @DisplayName("A dead letter is listed, retried (failing again, it is listed anew), discarded")
  void deadLetters() throws Exception {
    AdminHttp http = http();
    http.post("/api/dead-letters/discard");
    long gone = makeDeadLetter();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> http.get("/api/dead-letters").json().path("count").asInt() == 1);
    JsonNode letter = http.get("/api/dead-letters").json().path("letters").get(0);
    assertThat(letter.path("action").asText()).isEqualTo("send_message");
    assertThat(letter.path("channel").asText()).isEqualTo(Long.toString(gone));

    assertThat(http.post("/api/dead-letters/" + letter.path("id").asLong() + "/retry").status())
        .isEqualTo(202);
    // The channel is still gone: the retry fails and is a new letter.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonNode letters = http.get("/api/dead-letters").json().path("letters");
              return letters.size() == 1
                  && letters.get(0).path("id").asLong() != letter.path("id").asLong();
            });
    assertThat(http.post("/api/dead-letters/999999999/discard").status()).isEqualTo(404);
    assertThat(http.post("/api/dead-letters/discard").json().path("discarded").asInt())
        .isEqualTo(1);
    assertThat(http.get("/api/dead-letters").json().path("count").asInt()).isZero();
  }

  @Test
  @DisplayName(
      "Pause holds requests until resume (in_process, external_gateway); direct refuses, saying why")
  void pauseAndResume() throws Exception {
    AdminHttp http = http();
    long channel = bot().channel("music").id;
    if (bot().bot().config().messaging().mode().name().equals("DIRECT")) {
      AdminHttp.Answer refused = http.post("/api/queue/pause");
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.json().path("error").asText()).contains("direct has no queue to hold");
      return;
    }
    assertThat(http.post("/api/queue/pause").json().path("paused").asBoolean()).isTrue();
    try {
      CompletableFuture<SentMessage> held = probe().send(channel, "held by the pause");
      await()
          .during(Duration.ofMillis(2500))
          .atMost(Duration.ofSeconds(4))
          .until(() -> !held.isDone());
      assertThat(http.get("/api/snapshot").json().path("paused").asBoolean()).isTrue();
      assertThat(http.post("/api/queue/resume").json().path("paused").asBoolean()).isFalse();
      assertThat(held.get(20, TimeUnit.SECONDS).id()).isPositive();
    } finally {
      http.post("/api/queue/resume");
    }
  }

  @Test
  @DisplayName(
      "cogworks status: owners see everything, a server's admins their server, others are refused")
  void statusCommand() {
    bot().post("alice", "general", "!cogworks status");
    var full = bot().awaitReply("general", "^$");
    assertThat(full.embeds.get(0).path("title").asText()).isEqualTo("Cogworks status");
    assertThat(full.embeds.get(0).path("description").asText())
        .contains(bot().bot().config().messaging().mode().name().toLowerCase());
    assertThat(full.embeds.get(0).path("fields").toString())
        .contains("Discord limits")
        .contains("Dead letters");

    bot().post("admin", "general", "!cogworks status");
    var server = bot().awaitReply("general", "^$");
    assertThat(server.embeds.get(0).path("title").asText())
        .isEqualTo("Cogworks status — " + bot().guild().name);
    assertThat(server.embeds.get(0).path("fields").toString())
        .contains("Dead letters here")
        .doesNotContain("Discord limits");

    bot().post("bob", "general", "!cogworks status");
    bot().awaitReply("general", "for the bot's owners, and for a server's admins");
  }

  @Test
  @DisplayName(
      "cogworks pause|resume and deadletters are the owners' alone; bad ids get a helpful answer")
  void ownerCommands() {
    bot().post("bob", "general", "!cogworks pause");
    bot().awaitReply("general", "owner");
    bot().post("admin", "general", "!cogworks deadletters list");
    bot().awaitReply("general", "owner");

    bot().post("alice", "general", "!cogworks pause");
    if (bot().bot().config().messaging().mode().name().equals("DIRECT")) {
      bot().awaitReply("general", "^Cannot pause: messaging.mode = direct has no queue to hold");
    } else {
      bot().awaitReply("general", "^Paused: requests wait");
      await().until(() -> http().get("/api/snapshot").json().path("paused").asBoolean());
      bot().post("alice", "general", "!cogworks resume");
      bot().awaitReply("general", "^Resumed");
      assertThat(http().get("/api/snapshot").json().path("paused").asBoolean()).isFalse();
    }
    bot().post("alice", "general", "!cogworks deadletters discard all");
    bot().awaitReply("general", "^Discarded \\d+ dead letter");
    bot().post("alice", "general", "!cogworks deadletters list");
    bot().awaitReply("general", "^No dead letters");
    bot().post("alice", "general", "!cogworks deadletters retry twelve");
    bot().awaitReply("general", "`twelve` is not a dead letter's id");
    bot().post("alice", "general", "!cogworks deadletters discard 987654321");
    bot().awaitReply("general", "There is no dead letter #987654321");
  }

  @Test
  @DisplayName("A shard that stops hearing Discord makes /health/ready NOT_READY until it is back")
  void shardReconnecting() {
    AdminHttp http = http();
    // Discord goes quiet on the open connections and cannot be reached for new ones.
    bot().sim().control().gateway().outage(true);
    bot().sim().control().gateway().stallConnections();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                AdminHttp.Answer ready = http.get("/health/ready");
                return ready.status() == 503
                    && !ready.json().path("parts").path("shards").path("up").asBoolean();
              });
    } finally {
      bot().sim().control().gateway().outage(false);
      bot().sim().control().gateway().clearStalls();
    }
    // JDA waits longer after each failed reconnect (2, 4, 8, 16, 32 s): when noticing the silence
    // took a busy machine 15 s or more, its next try can come 30 s after Discord is back.
    await().atMost(Duration.ofSeconds(75)).until(() -> http.get("/health/ready").status() == 200);
  }
}
