package dev.cogworks.core.internal.runtime;

import dev.cogworks.core.internal.admin.AdminServer;
import dev.cogworks.core.internal.admin.WorkerAdmin;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigError;
import dev.cogworks.core.internal.messaging.BucketObserver;
import dev.cogworks.core.internal.messaging.RequestExecutor;
import dev.cogworks.core.internal.messaging.RestGuildCalls;
import dev.cogworks.core.internal.messaging.RetryPolicy;
import dev.cogworks.core.internal.notify.Notifier;
import dev.cogworks.core.internal.relay.Buckets;
import dev.cogworks.core.internal.relay.PauseFlag;
import dev.cogworks.core.internal.relay.RelayEngine;
import dev.cogworks.core.internal.relay.RelayWorker;
import dev.cogworks.core.internal.relay.SharedRequestPacer;
import dev.cogworks.core.internal.relay.WorkerCaches;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import net.dv8tion.jda.api.JDA;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar bot.jar gateway}: a gateway worker process. It calls Discord over REST only,
 * with the bot's token ({@link RestOnlyDiscord}: no gateway session, so no session start spent and
 * no events received), paces its calls by the budget it shares with every other worker and bot
 * through the engine, keeps its caches from what it runs and from the invalidations the bot
 * publishes, and runs requests until stopped.
 *
 * <p>There is no mode with a gateway session any more: a worker needs one for nothing. Every
 * request is addressed by ids (message routes by channel id, interaction follow-ups by token,
 * webhooks by id and token) or reads guild state over REST, and what a session gave a worker's
 * caches — deletions, emoji and role changes — the bot's own session sees and publishes.
 */
public final class RelayWorkerProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RelayWorkerProcess.class);

  private final RelayEngine engine;
  private final JDA discord;
  private final AutoCloseable invalidations;
  private final RelayWorker<?> worker;
  private final Duration deadline;
  private final MeterRegistry metrics;
  private final AdminServer admin;
  private final Notifier notifier;
  private volatile boolean closed;

  private RelayWorkerProcess(
      RelayEngine engine,
      JDA discord,
      AutoCloseable invalidations,
      RelayWorker<?> worker,
      Duration deadline,
      MeterRegistry metrics,
      AdminServer admin,
      Notifier notifier) {
    this.notifier = notifier;
    this.engine = engine;
    this.discord = discord;
    this.invalidations = invalidations;
    this.worker = worker;
    this.deadline = deadline;
    this.metrics = metrics;
    this.admin = admin;
  }

  /** Its admin server, when {@code admin.enabled}. */
  public java.util.Optional<AdminServer> admin() {
    return java.util.Optional.ofNullable(admin);
  }

  public static RelayWorkerProcess start(CogworksConfig config) throws InterruptedException {
    return start(config, Metrics.registry());
  }

  public static RelayWorkerProcess start(CogworksConfig config, PrometheusMeterRegistry registry)
      throws InterruptedException {
    if (!config.discord().hasToken()) {
      throw new ConfigError(
          "discord.token: a gateway worker calls Discord with the bot's token; set DISCORD_TOKEN"
              + " (the sandbox needs none: it starts its own worker)");
    }
    if (config.messaging().mode() != CogworksConfig.MessagingMode.EXTERNAL_GATEWAY) {
      log.warn(
          "messaging.mode is {} in this config: bots using it do not send to workers. This worker"
              + " serves bots whose messaging.mode is external_gateway.",
          config.messaging().mode().name().toLowerCase());
    }
    CogworksConfig.Relay settings = config.messaging().relay();
    RelayEngine engine = RelayEngines.open(config);
    Notifier notifier = null;
    JDA discord = null;
    AutoCloseable invalidations = null;
    try {
      BucketObserver buckets = new BucketObserver();
      // A bucket this worker empties is shared, so the next worker in that channel waits it out.
      buckets.onEmpty(
          bucket -> {
            long key = Buckets.routeKey(bucket.resource());
            if (key > 0) {
              engine.rateLimits().block(key, bucket.route(), bucket.resetAt());
            }
          });
      discord =
          RestOnlyDiscord.connect(
              config.discord(),
              new SharedRequestPacer(
                  engine.rateLimits(), config.messaging().globalRequestsPerSecond()),
              scope -> log.warn("Discord answered 429 ({} limit)", scope),
              buckets);
      RestGuildCalls guilds = new RestGuildCalls(discord, settings.cache().guildTtl());
      RequestExecutor executor = RequestExecutor.restOnly(discord, guilds);
      WorkerCaches caches = new WorkerCaches(settings.cache(), executor, guilds, buckets);
      caches.bindTo(registry);
      invalidations = engine.invalidations().subscribe(caches::apply, caches::resubscribed);
      RelayWorker<?> worker =
          new RelayWorker<>(
              workerId(),
              engine.inbox(),
              caches,
              new RetryPolicy(
                  config.messaging().retryAttempts(),
                  config.messaging().initialBackoff(),
                  config.messaging().maxBackoff()),
              settings.workerConcurrency(),
              settings.lease(),
              Clock.systemUTC(),
              registry);
      worker.pauseWith(new PauseFlag(engine.control()::paused)::paused);
      worker.start();
      // The workers make the Discord calls: their 429s, waits and refusals are theirs to report.
      notifier = Notifier.forWorker(config, worker.id(), buckets);
      notifier.start(executor, null);
      AdminServer admin =
          config.admin().enabled()
              ? WorkerAdmin.start(config, worker, engine, discord, buckets, registry)
              : null;
      log.info(
          "Gateway worker {} ready (REST only, no gateway session): {} at {}",
          worker.id(),
          settings,
          engine.where());
      return new RelayWorkerProcess(
          engine,
          discord,
          invalidations,
          worker,
          config.shutdownDeadline(),
          registry,
          admin,
          notifier);
    } catch (RuntimeException e) {
      if (notifier != null) {
        notifier.close();
      }
      closeQuietly(invalidations);
      if (discord != null) {
        discord.shutdownNow();
      }
      engine.close();
      throw e;
    }
  }

  private static String workerId() {
    String pid = Long.toString(ManagementFactory.getRuntimeMXBean().getPid());
    byte[] bytes = new byte[3];
    new SecureRandom().nextBytes(bytes);
    return "worker_" + pid + "_" + HexFormat.of().formatHex(bytes);
  }

  public RelayWorker<?> worker() {
    return worker;
  }

  /** Outcomes ({@code cogworks.gateway.requests}) and cache hits ({@code cache.gets}). */
  public MeterRegistry metrics() {
    return metrics;
  }

  /** The worker's own REST client of Discord (it has no gateway session). */
  public JDA discord() {
    return discord;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.debug("closing the invalidation subscription: {}", e.toString());
    }
  }

  /** Finishes the running requests (up to shutdown.deadline), hands back the rest, disconnects. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (admin != null) {
      admin.close();
    }
    worker.close(deadline);
    notifier.close();
    closeQuietly(invalidations);
    discord.shutdown();
    engine.close();
  }

  /** Dies as a killed process would: nothing answered, nothing released (for tests). */
  public synchronized void crash() {
    closed = true;
    if (admin != null) {
      admin.close();
    }
    notifier.close();
    worker.abandon();
    closeQuietly(invalidations);
    engine.close();
    discord.shutdownNow();
  }
}
