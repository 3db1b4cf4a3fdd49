package dev.cogworks.core.internal.admin;

import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.config.ReloadResult;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import dev.cogworks.core.internal.relay.EngineControl;
import dev.cogworks.core.internal.relay.RelayTransport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;

/**
 * The bot's admin server: health, Prometheus metrics, the queue monitor's page, its JSON snapshot
 * and live stream, and the owners' actions (pause, resume, dead letters).
 */
public final class BotAdmin implements AutoCloseable {
  /** How long one live stream runs before the page reconnects (bounds a forgotten tab). */
  static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

  private final BotParts bot;
  private final Operations operations;
  private final ActivityHistory history = new ActivityHistory();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("cogworks-admin-history"));
  private final AdminToken token;
  private volatile AdminServer server;

  private BotAdmin(BotParts bot, Operations operations, AdminToken token) {
    this.bot = bot;
    this.operations = operations;
    this.token = token;
  }

  /** Starts the server as {@code admin.*} says; the caller closes it first when stopping. */
  public static BotAdmin start(BotParts bot, Operations operations) {
    BotAdmin admin = new BotAdmin(bot, operations, AdminToken.resolve(bot.config().admin()));
    admin.sampler.scheduleAtFixedRate(
        admin::sample,
        ActivityHistory.RESOLUTION_SECONDS,
        ActivityHistory.RESOLUTION_SECONDS,
        TimeUnit.SECONDS);
    try {
      admin.server =
          AdminServer.start(
              bot.config().admin(), bot.config().admin().port(), "bot", admin.token, admin::routes);
    } catch (RuntimeException e) {
      admin.sampler.shutdownNow();
      throw e;
    }
    return admin;
  }

  public AdminServer server() {
    return server;
  }

  public AdminToken token() {
    return token;
  }

  public Operations operations() {
    return operations;
  }

  ActivityHistory history() {
    return history;
  }

  private void routes(Javalin app) {
    app.get("/health/ready", this::ready);
    app.get("/metrics", ctx -> MetricsRoute.write(ctx, bot.registry()));
    app.get("/", ctx -> page(ctx, "monitor.html", "text/html; charset=utf-8"));
    app.get("/monitor.js", ctx -> page(ctx, "monitor.js", "text/javascript; charset=utf-8"));
    app.get(
        "/api/snapshot",
        ctx -> ctx.json(snapshot(!"false".equals(ctx.queryParam("dead_letters")))));
    app.get("/api/stream", this::stream);
    app.post("/api/queue/pause", ctx -> act(ctx, operations::pause, "paused"));
    app.post("/api/queue/resume", ctx -> act(ctx, operations::resume, "resumed"));
    app.post(
        "/api/config/reload",
        ctx -> {
          ReloadResult result = bot.reloads().reload("admin route");
          ctx.status(
                  result.outcome() == ReloadResult.Outcome.REJECTED
                      ? HttpStatus.UNPROCESSABLE_CONTENT
                      : HttpStatus.OK)
              .json(result.json());
        });
    app.get(
        "/api/dead-letters",
        ctx ->
            ctx.json(
                Map.of(
                    "count", operations.deadLetterCount(),
                    "letters",
                        operations.deadLetters(500).stream()
                            .map(MonitorSnapshot::letter)
                            .toList())));
    app.post("/api/dead-letters/retry", this::retryAll);
    app.post(
        "/api/dead-letters/discard", ctx -> ctx.json(Map.of("discarded", operations.discardAll())));
    app.post("/api/dead-letters/{id}/retry", this::retry);
    app.post(
        "/api/dead-letters/{id}/discard",
        ctx -> {
          boolean found = operations.discard(id(ctx));
          ctx.status(found ? HttpStatus.OK : HttpStatus.NOT_FOUND)
              .json(found ? Map.of("discarded", 1) : Map.of("error", "no such dead letter"));
        });
  }

  Map<String, Object> snapshot(boolean withDeadLetters) {
    return MonitorSnapshot.of(bot, operations, history, withDeadLetters);
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a dead letter's id is a number: " + ctx.pathParam("id"));
    }
  }

  private void act(Context ctx, Runnable action, String done) {
    try {
      action.run();
      ctx.json(Map.of("status", done, "paused", operations.paused()));
    } catch (IllegalStateException e) {
      ctx.status(HttpStatus.CONFLICT).json(Map.of("error", e.getMessage()));
    }
  }

  private void retry(Context ctx) {
    long id = id(ctx);
    if (operations.retry(id).isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no dead letter " + id));
    } else {
      ctx.status(HttpStatus.ACCEPTED).json(Map.of("retried", 1));
    }
  }

  private void retryAll(Context ctx) {
    List<CompletableFuture<Object>> sent = operations.retryAll();
    ctx.status(HttpStatus.ACCEPTED).json(Map.of("retried", sent.size()));
  }

  private void ready(Context ctx) {
    Readiness readiness =
        new Readiness().part("shards", this::shards).part("database", this::database);
    bot.messaging()
        .transport(RelayTransport.class)
        .ifPresent(
            relay -> {
              readiness.part(
                  "engine",
                  () ->
                      relay.engineReachable()
                          ? Readiness.Part.up(bot.messaging().config().relay().toString())
                          : Readiness.Part.down("the gateway's engine is unreachable"));
              readiness.part("workers", this::workers);
            });
    Map<String, Object> result = readiness.check();
    result.put("queue_depth", queueDepth());
    result.put("rate_limits", MonitorSnapshot.rateLimits(bot));
    ctx.status(
            "READY".equals(result.get("status")) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .json(result);
  }

  private Readiness.Part shards() {
    List<JDA> shards = bot.shards().getShards();
    long connected = shards.stream().filter(s -> s.getStatus() == JDA.Status.CONNECTED).count();
    String detail = connected + " of " + shards.size() + " connected";
    if (connected == shards.size()) {
      return Readiness.Part.up(detail);
    }
    String states =
        shards.stream()
            .filter(s -> s.getStatus() != JDA.Status.CONNECTED)
            .map(s -> "shard " + s.getShardInfo().getShardId() + " " + s.getStatus())
            .toList()
            .toString();
    return Readiness.Part.down(detail + " " + states);
  }

  private Readiness.Part database() {
    try (Connection c = bot.database().dataSource().getConnection()) {
      return c.isValid(1)
          ? Readiness.Part.up("reachable")
          : Readiness.Part.down("the connection did not answer");
    } catch (java.sql.SQLException e) {
      return Readiness.Part.down("unreachable: " + e.getMessage());
    }
  }

  private Readiness.Part workers() {
    if (bot.gateway().isEmpty()) {
      return Readiness.Part.down("no engine");
    }
    Instant now = Instant.now();
    List<EngineControl.WorkerLease> workers = bot.gateway().get().control().workers();
    long alive = workers.stream().filter(w -> w.alive(now)).count();
    return alive > 0
        ? Readiness.Part.up(alive + " worker(s) alive")
        : Readiness.Part.down(
            "no gateway worker is alive: start one with `java -jar bot.jar gateway`");
  }

  private long queueDepth() {
    return bot.messaging()
        .transport(InProcessTransport.class)
        .map(q -> (long) q.stats().queued())
        .or(() -> bot.messaging().transport(RelayTransport.class).map(r -> (long) r.waiting()))
        .orElse(0L);
  }

  private void sample() {
    var buckets = bot.messaging().buckets();
    history.add(
        new ActivityHistory.Sample(
            Instant.now(),
            buckets.sent().last(ActivityHistory.RESOLUTION_SECONDS),
            buckets.rateLimited().last(ActivityHistory.RESOLUTION_SECONDS),
            queueDepth()));
  }

  /**
   * Snapshots as newline-delimited JSON, one a second, for {@link #STREAM_LIFETIME} or until the
   * page goes: the page reads it with {@code fetch} and the token in a header, never in the URL.
   */
  private void stream(Context ctx) throws IOException {
    ctx.contentType("application/x-ndjson");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Accel-Buffering", "no");
    OutputStream out = ctx.res().getOutputStream();
    long end = System.nanoTime() + STREAM_LIFETIME.toNanos();
    try {
      while (System.nanoTime() < end && server != null) {
        out.write(AdminServer.JSON.writeValueAsBytes(snapshot(true)));
        out.write('\n');
        out.flush();
        Thread.sleep(1000);
      }
    } catch (IOException gone) {
      // the page was closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void page(Context ctx, String name, String type) throws IOException {
    try (var in = BotAdmin.class.getResourceAsStream("/admin/" + name)) {
      if (in == null) {
        ctx.status(HttpStatus.NOT_FOUND).result("missing " + name);
        return;
      }
      ctx.contentType(type)
          .header("Cache-Control", "no-store")
          .result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    AdminServer running = server;
    server = null;
    sampler.shutdownNow();
    if (running != null) {
      running.close();
    }
  }
}
