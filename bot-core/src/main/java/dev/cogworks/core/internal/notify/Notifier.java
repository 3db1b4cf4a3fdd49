package dev.cogworks.core.internal.notify;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.messaging.BucketObserver;
import dev.cogworks.core.internal.messaging.DiscordErrors;
import dev.cogworks.core.internal.messaging.MessagingService;
import dev.cogworks.core.internal.messaging.RequestExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' notifications ({@code notifications.*}): takes notices from anywhere (JDA's
 * threads, the rate limiter, the dead-letter sink), deduplicates them by kind in windows, and
 * delivers each as an embed. Everything runs on one thread of its own, so a slow or failing
 * delivery never holds up whoever reported the notice. With no channel and no webhook configured it
 * does nothing.
 */
public final class Notifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final long TICK_MILLIS = 250;

  private volatile CogworksConfig.Notifications config;
  private final MessagingService messaging; // null in a gateway worker, which has no queue
  private final BucketObserver buckets;
  private final String source;
  private volatile NoticeThrottle throttle;
  private final NoticeDelivery delivery;
  private final ScheduledExecutorService thread;
  private volatile boolean started;
  private volatile QueueWatch watch;
  private volatile java.util.concurrent.ScheduledFuture<?> watching;
  private volatile boolean closed;

  private final String engine;

  /** {@code config}: the bot's, for {@code notifications} and the name of the gateway's engine. */
  public Notifier(CogworksConfig bot, MessagingService messaging) {
    this(bot, messaging, messaging.buckets(), null);
  }

  /**
   * A gateway worker's: it makes the Discord calls in {@code external_gateway} mode, so it reports
   * what only it sees (429s, long waits, invalid requests), always by the direct path through its
   * own executor, named {@code workerId} in each notice's footer.
   */
  public static Notifier forWorker(CogworksConfig config, String workerId, BucketObserver buckets) {
    return new Notifier(config, null, buckets, workerId);
  }

  private Notifier(
      CogworksConfig bot, MessagingService messaging, BucketObserver buckets, String source) {
    this.config = bot.notifications();
    this.engine = bot.messaging().relay().queueType().name().toLowerCase(java.util.Locale.ROOT);
    this.messaging = messaging;
    this.buckets = buckets;
    this.source = source;
    this.throttle = new NoticeThrottle(config.dedupWindow());
    this.delivery = new NoticeDelivery(config, messaging);
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(1, DaemonThreads.named("cogworks-notices"));
    executor.setRemoveOnCancelPolicy(true);
    this.thread = executor;
  }

  public boolean enabled() {
    return config.enabled();
  }

  /** The settings in force (a reload may have changed them since the start). */
  public CogworksConfig.Notifications settings() {
    return config;
  }

  /**
   * Hears shard disconnects and reconnects; add it to the bot's JDA listeners before connecting.
   */
  public Object shardListener() {
    return new ShardNotices(this::report);
  }

  /**
   * Starts notifying once the shards are up: {@code direct} is the executor of the direct path.
   * Listens to the rate limits and the dead letters, starts the periodic checks and announces the
   * start with {@code hello} (none if null).
   */
  public void start(RequestExecutor direct, Notice hello) {
    // Everything is wired even while notifications are off, so that a reload can turn them on.
    delivery.directPath(direct);
    buckets.listen(new RateLimitNotices());
    if (messaging != null) {
      messaging.onDeadLetter(this::deadLettered);
    }
    watch = new QueueWatch(config, engine, messaging, buckets, this::report);
    watching = scheduleWatch(config);
    thread.scheduleWithFixedDelay(
        guarded(this::sendSummaries), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    started = true;
    if (!config.enabled()) {
      return;
    }
    log.info("Notifications on: {}", config);
    if (hello != null) {
      report(hello);
    }
  }

  private java.util.concurrent.ScheduledFuture<?> scheduleWatch(
      CogworksConfig.Notifications settings) {
    long every = settings.checkInterval().toMillis();
    QueueWatch current = watch;
    return thread.scheduleWithFixedDelay(
        guarded(current::run), every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Applies {@code next} while running (a configuration reload): where notices go, the thresholds,
   * the dedup window and the check interval. Notices already held in a window are kept.
   */
  public void reconfigure(CogworksConfig.Notifications next) {
    if (closed) {
      return;
    }
    boolean wasOn = config.enabled();
    // In force at once (a reload's answer may be read right after); the throttle and the schedule
    // belong to the notices' thread.
    config = next;
    delivery.reconfigure(next);
    QueueWatch current = watch;
    if (current != null) {
      current.reconfigure(next);
    }
    try {
      thread.execute(
          guarded(
              () -> {
                if (!throttle.window().equals(next.dedupWindow())) {
                  NoticeThrottle old = throttle;
                  throttle = new NoticeThrottle(next.dedupWindow());
                  for (NoticeThrottle.Summary summary : old.drain()) {
                    send(summary.latest(), summary.count());
                  }
                }
                if (started) {
                  java.util.concurrent.ScheduledFuture<?> previous = watching;
                  if (previous != null) {
                    previous.cancel(false);
                  }
                  watching = scheduleWatch(next);
                }
              }));
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      return; // closing: nothing more goes out, so there is nothing to reconfigure
    }
    if (!wasOn && next.enabled()) {
      log.info("Notifications on: {}", next);
    } else if (wasOn && !next.enabled()) {
      log.info("Notifications off");
    }
  }

  /** Reports {@code notice}; returns at once. */
  public void report(Notice notice) {
    if (!started || closed || !config.enabled()) {
      return;
    }
    try {
      thread.execute(guarded(() -> offer(notice)));
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      // closing: nothing more goes out
    }
  }

  private void offer(Notice notice) {
    if (throttle.offer(notice, nowMillis())) {
      send(notice, 0);
    }
  }

  private void sendSummaries() {
    for (NoticeThrottle.Summary summary : throttle.due(nowMillis())) {
      send(summary.latest(), summary.count());
    }
  }

  private CompletableFuture<Void> send(Notice notice, int more) {
    boolean directly = notice.kind().direct() || queueHeld();
    return delivery.deliver(
        notice.kind(), NoticeEmbeds.render(notice, more, config.dedupWindow(), source), directly);
  }

  /** While the queue cannot move (paused, engine away), every notice takes the direct path. */
  private boolean queueHeld() {
    return messaging != null && QueueWatch.held(messaging);
  }

  private void deadLettered(
      DiscordRequest<?> request, Throwable error, int attempts, Instant firstAttemptAt) {
    if (delivery.isOwn(request)) {
      return; // a notice that failed for good is logged by the delivery; notifying would loop
    }
    report(
        Notice.of(NoticeKind.DEAD_LETTER, "A request failed for good and was kept to retry.")
            .with("Action", request.action())
            .with("Channel or guild", Long.toUnsignedString(request.routeKey()))
            .with("Attempts", attempts)
            .with("Error", DiscordErrors.unwrap(error).getMessage()));
  }

  /**
   * Announces the stop with {@code stopping} (through the queue, which is still running) after the
   * summaries still held, and waits for it up to {@code patience}.
   */
  public void stopping(Notice stopping, Duration patience) {
    if (!started || closed) {
      return;
    }
    CompletableFuture<CompletableFuture<Void>> sent = new CompletableFuture<>();
    try {
      thread.execute(
          () -> {
            CompletableFuture<?>[] summaries =
                throttle.drain().stream()
                    .map(s -> send(s.latest(), s.count()))
                    .toArray(CompletableFuture[]::new);
            sent.complete(
                CompletableFuture.allOf(summaries).thenCompose(ignored -> send(stopping, 0)));
          });
      sent.thenCompose(f -> f).get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("The stop notice was not confirmed within {}: {}", patience, e.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
  }

  private static long nowMillis() {
    return System.nanoTime() / 1_000_000;
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("Notifications: {}", e.toString(), e); // the schedule must survive
      }
    };
  }

  /** 429s and long waits, from the rate limiter's threads: cheap checks, then handed over. */
  private final class RateLimitNotices implements BucketObserver.Listener {
    @Override
    public void tooManyRequests(String route, String scope) {
      report(
          Notice.of(NoticeKind.RATE_LIMITED, "Discord refused a request for its rate limit.")
              .with("Route", route)
              .with("Scope", scope));
    }

    @Override
    public void waited(String route, Duration wait) {
      if (wait.compareTo(config.rateLimitWaitWarn()) >= 0) {
        report(
            Notice.of(
                    NoticeKind.RATE_LIMIT_WAIT,
                    "A request waited longer than notifications.rate_limit_wait_warn ("
                        + config.rateLimitWaitWarn().toMillis()
                        + " ms) for Discord's rate limits.")
                .with("Route", route)
                .with("Waited", wait.toMillis() + " ms"));
      }
    }
  }
}
