package dev.cogworks.core.internal.admin;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.messaging.BucketObserver;
import dev.cogworks.core.internal.messaging.RecentCounts;
import dev.cogworks.core.internal.relay.RelayEngine;
import dev.cogworks.core.internal.relay.RelayWorker;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import net.dv8tion.jda.api.JDA;

/**
 * A gateway worker's admin server: health (its REST client open, its engine reachable), its
 * Prometheus metrics, and a JSON snapshot (outcomes, requests running, Discord's answers).
 */
public final class WorkerAdmin {
  private WorkerAdmin() {}

  public static AdminServer start(
      CogworksConfig config,
      RelayWorker<?> worker,
      RelayEngine engine,
      JDA discord,
      BucketObserver buckets,
      PrometheusMeterRegistry registry) {
    return AdminServer.start(
        config.admin(),
        config.admin().workerPort(),
        "gateway worker " + worker.id(),
        AdminToken.resolve(config.admin()),
        app -> {
          app.get("/metrics", ctx -> MetricsRoute.write(ctx, registry));
          app.get(
              "/health/ready",
              ctx -> {
                Map<String, Object> result =
                    new Readiness()
                        .part(
                            "discord",
                            () -> {
                              // A REST client: up until shut down; Discord's own answers are in
                              // the snapshot and the metrics.
                              JDA.Status status = discord.getStatus();
                              String detail = "REST only, no gateway session";
                              return status == JDA.Status.SHUTTING_DOWN
                                      || status == JDA.Status.SHUTDOWN
                                  ? Readiness.Part.down("shut down")
                                  : Readiness.Part.up(detail);
                            })
                        .part(
                            "engine",
                            () -> {
                              engine.control().paused(); // a round trip: fails when unreachable
                              return Readiness.Part.up(engine.where());
                            })
                        .check();
                result.put("in_flight", worker.inFlight());
                ctx.status(
                        "READY".equals(result.get("status"))
                            ? HttpStatus.OK
                            : HttpStatus.SERVICE_UNAVAILABLE)
                    .json(result);
              });
          app.get(
              "/api/snapshot",
              ctx -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("role", "gateway worker");
                json.put("id", worker.id());
                json.put("in_flight", worker.inFlight());
                json.put("outcomes", worker.outcomes());
                json.put("sent_last_10_seconds", buckets.sent().last(10));
                json.put(
                    "rate_limited_last_10_minutes",
                    buckets.rateLimited().last(RecentCounts.SECONDS));
                json.put(
                    "invalid_requests_last_10_minutes", buckets.invalidRequests().lastTenMinutes());
                ctx.json(json);
              });
        });
  }
}
