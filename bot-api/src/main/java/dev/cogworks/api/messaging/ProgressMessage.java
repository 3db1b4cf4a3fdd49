package dev.cogworks.api.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A message that shows progress: {@link #update} as often as you like, and the latest content wins;
 * {@link #finish} always lands. Edits never flood Discord: where the queue merges waiting edits of
 * one message ({@link MessagingQueue#coalescesEdits()}) every update is handed to it and the stale
 * ones are dropped there; otherwise this sends at most one edit per {@link #MIN_INTERVAL}, always
 * the newest content, and never two at once.
 *
 * <p>Thread-safe; never blocks. Make one with {@code CogHelper.progressMessage(channelId,
 * messageId)}.
 */
public final class ProgressMessage {
  /** The least time between two edits when the queue does not merge them itself. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  private final MessagingQueue queue;
  private final long channelId;
  private final long messageId;
  private final boolean paced;
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private final Object lock = new Object();
  private String pending;
  private boolean pendingIsFinal;
  private boolean inFlight;
  private boolean timerSet;
  private boolean finished;
  private long lastSentNanos = System.nanoTime() - MIN_INTERVAL.toNanos();

  private ProgressMessage(MessagingQueue queue, long channelId, long messageId) {
    this.queue = queue;
    this.channelId = channelId;
    this.messageId = messageId;
    this.paced = !queue.coalescesEdits();
  }

  /** Progress on {@code messageId} in {@code channelId}, sent through {@code queue}. */
  public static ProgressMessage of(MessagingQueue queue, long channelId, long messageId) {
    return new ProgressMessage(queue, channelId, messageId);
  }

  public long messageId() {
    return messageId;
  }

  /** Shows {@code content}, or a newer update if one comes before it could be sent. */
  public void update(String content) {
    synchronized (lock) {
      if (finished) {
        return;
      }
      pending = content;
    }
    if (paced) {
      pump();
    } else {
      send(content, false);
    }
  }

  /**
   * Shows {@code content} as the final state; later updates are ignored. The future completes once
   * it is on Discord (or fails as the edit did); calling it again returns the same future.
   */
  public CompletableFuture<Void> finish(String content) {
    synchronized (lock) {
      if (finished) {
        return done.copy();
      }
      finished = true;
      pending = content;
      pendingIsFinal = true;
    }
    if (paced) {
      pump();
    } else {
      send(content, true);
    }
    return done.copy();
  }

  /** Paced: sends the newest pending content when nothing is in flight and the interval passed. */
  private void pump() {
    String content;
    boolean isFinal;
    synchronized (lock) {
      if (inFlight || pending == null) {
        return;
      }
      long wait = lastSentNanos + MIN_INTERVAL.toNanos() - System.nanoTime();
      if (wait > 0) {
        if (!timerSet) {
          timerSet = true;
          CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS)
              .execute(
                  () -> {
                    synchronized (lock) {
                      timerSet = false;
                    }
                    pump();
                  });
        }
        return;
      }
      content = pending;
      isFinal = pendingIsFinal;
      pending = null;
      inFlight = true;
      lastSentNanos = System.nanoTime();
    }
    send(content, isFinal);
  }

  private void send(String content, boolean isFinal) {
    queue
        .submit(new DiscordRequest.EditMessage(channelId, messageId, content, null, null, null))
        .whenComplete(
            (ignored, failure) -> {
              if (isFinal) {
                if (failure == null) {
                  done.complete(null);
                } else {
                  done.completeExceptionally(failure);
                }
              }
              if (paced) {
                synchronized (lock) {
                  inFlight = false;
                }
                pump();
              }
            });
  }
}
