package dev.cogworks.core.internal.notify;

/**
 * What a notice is about: its level, its title, and whether it must bypass the MessagingQueue.
 * Notices about the queue itself (paused, its engine down or back) cannot wait in that queue, so
 * they take the direct path through the executor.
 */
public enum NoticeKind {
  STARTED(NoticeLevel.INFO, "Cogworks started", false),
  STOPPING(NoticeLevel.INFO, "Cogworks is stopping", false),
  SHARD_DISCONNECTED(NoticeLevel.WARNING, "Shard disconnected", false),
  SHARD_RECONNECTED(NoticeLevel.INFO, "Shard reconnected", false),
  RATE_LIMITED(NoticeLevel.WARNING, "Discord answered 429 Too Many Requests", false),
  RATE_LIMIT_WAIT(NoticeLevel.WARNING, "A request waited long for Discord's rate limits", false),
  QUEUE_DEPTH(NoticeLevel.WARNING, "The queue is deep", false),
  QUEUE_PAUSED(NoticeLevel.WARNING, "The queue is paused", true),
  QUEUE_RESUMED(NoticeLevel.INFO, "The queue is running again", true),
  DEAD_LETTER(NoticeLevel.ERROR, "A request failed for good (dead letter)", false),
  INVALID_REQUESTS(NoticeLevel.CRITICAL, "Invalid requests near Discord's limit", false),
  ENGINE_DOWN(NoticeLevel.CRITICAL, "The external gateway's engine is unreachable", true),
  ENGINE_BACK(NoticeLevel.INFO, "The external gateway's engine is reachable again", true),
  CONFIG_APPLIED(NoticeLevel.INFO, "The configuration changed while running", false),
  CONFIG_NEEDS_RESTART(NoticeLevel.WARNING, "A configuration change waits for a restart", false),
  CONFIG_REJECTED(NoticeLevel.WARNING, "A configuration change was not applied", false);

  private final NoticeLevel level;
  private final String title;
  private final boolean direct;

  NoticeKind(NoticeLevel level, String title, boolean direct) {
    this.level = level;
    this.title = title;
    this.direct = direct;
  }

  public NoticeLevel level() {
    return level;
  }

  public String title() {
    return title;
  }

  /** Whether it goes straight to the executor instead of through the MessagingQueue. */
  public boolean direct() {
    return direct;
  }
}
