package dev.cogworks.core.internal.notify;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.messaging.BucketObserver;
import dev.cogworks.core.internal.messaging.DirectTransport;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import dev.cogworks.core.internal.messaging.InvalidRequests;
import dev.cogworks.core.internal.messaging.MessagingService;
import dev.cogworks.core.internal.relay.RelayTransport;
import java.util.function.Consumer;

/**
 * Looks, every {@code notifications.check_interval}, at what no event reports: the queue's depth
 * against {@code queue_warn}, whether it is paused, whether the external gateway's engine answers,
 * and the invalid requests of the last 10 minutes against {@code invalid_requests_warn}. Each is
 * reported when it crosses its line and again when it is back (once per crossing, not once per
 * look). Runs on the notifier's thread only.
 */
final class QueueWatch implements Runnable {
  private volatile CogworksConfig.Notifications config;
  private final MessagingService messaging; // null in a gateway worker: no queue to watch
  private final BucketObserver buckets;
  private final Consumer<Notice> notify;
  private final String engine;
  private boolean deep;
  private boolean paused;
  private boolean engineDown;
  private boolean invalidHigh;

  QueueWatch(
      CogworksConfig.Notifications config,
      String engine,
      MessagingService messaging,
      BucketObserver buckets,
      Consumer<Notice> notify) {
    this.buckets = buckets;
    this.config = config;
    this.engine = engine;
    this.messaging = messaging;
    this.notify = notify;
  }

  /** Whether the queue cannot move now: paused, or its engine unreachable. */
  static boolean held(MessagingService messaging) {
    return messaging.transport(InProcessTransport.class).map(q -> q.stats().paused()).orElse(false)
        || messaging
            .transport(RelayTransport.class)
            .map(r -> r.paused() || !r.engineReachable())
            .orElse(false);
  }

  /** The thresholds from a reload. */
  void reconfigure(CogworksConfig.Notifications next) {
    this.config = next;
  }

  @Override
  public void run() {
    if (messaging != null) {
      checkDepth();
      messaging
          .transport(InProcessTransport.class)
          .ifPresent(q -> checkPaused(q.stats().paused(), q.stats().queued()));
      messaging
          .transport(RelayTransport.class)
          .ifPresent(r -> checkPaused(r.paused(), r.queuedLocally()));
      messaging.transport(RelayTransport.class).ifPresent(this::checkEngine);
    }
    checkInvalid();
  }

  private void checkDepth() {
    int depth =
        messaging
            .transport(InProcessTransport.class)
            .map(q -> q.stats().queued())
            .or(() -> messaging.transport(DirectTransport.class).map(DirectTransport::waiting))
            .or(() -> messaging.transport(RelayTransport.class).map(RelayTransport::waiting))
            .orElse(0);
    if (depth >= config.queueWarn() && !deep) {
      deep = true;
      notify.accept(
          Notice.of(
                  NoticeKind.QUEUE_DEPTH,
                  "More requests wait than notifications.queue_warn; answers are slowing down.")
              .with("Waiting", depth)
              .with("Warn at", config.queueWarn()));
    } else if (depth < config.queueWarn()) {
      deep = false;
    }
  }

  private void checkPaused(boolean now, int waiting) {
    if (now != paused) {
      paused = now;
      notify.accept(
          now
              ? Notice.of(
                      NoticeKind.QUEUE_PAUSED, "The queue holds every request until it is resumed.")
                  .with("Waiting", waiting)
              : Notice.of(NoticeKind.QUEUE_RESUMED, "The queue sends again."));
    }
  }

  private void checkEngine(RelayTransport relay) {
    boolean down = !relay.engineReachable();
    if (down != engineDown) {
      engineDown = down;
      notify.accept(
          down
              ? Notice.of(
                      NoticeKind.ENGINE_DOWN,
                      "Requests cannot reach the gateway workers; they wait in this process (up to"
                          + " messaging.gateway.outage_buffer) or fail.")
                  .with("Engine", engine)
                  .with("Waiting here", relay.queuedLocally())
              : Notice.of(NoticeKind.ENGINE_BACK, "Requests reach the gateway workers again.")
                  .with("Engine", engine));
    }
  }

  private void checkInvalid() {
    InvalidRequests invalid = buckets.invalidRequests();
    long count = invalid.lastTenMinutes();
    if (count >= config.invalidRequestsWarn() && !invalidHigh) {
      invalidHigh = true;
      notify.accept(
          Notice.of(
                  NoticeKind.INVALID_REQUESTS,
                  "Discord restricts an IP that makes 10,000 invalid requests (401, 403, 429) in"
                      + " 10 minutes. Look for missing permissions or a request retried in a loop.")
              .with("Last 10 minutes", count)
              .with("Discord's limit", InvalidRequests.DISCORD_LIMIT)
              .with("Warn at", config.invalidRequestsWarn()));
    } else if (count < config.invalidRequestsWarn()) {
      invalidHigh = false;
    }
  }
}
