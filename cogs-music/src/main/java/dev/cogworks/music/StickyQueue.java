package dev.cogworks.music;

import dev.cogworks.api.messaging.ProgressMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a player's now-playing message at the bottom of its text channel ({@code
 * music.sticky_queue}): when newer messages push it up, the old one is deleted and the same text
 * posted again. Debounced so a busy channel costs little: the repost waits until the channel was
 * quiet for {@link #QUIET_MS}, at least {@link #MIN_INTERVAL_MS} after the previous repost, but no
 * more than {@link #MAX_WAIT_MS} after the first message that pushed it up (a channel that never
 * goes quiet still sees it now and then).
 */
final class StickyQueue {
  static final long QUIET_MS = 1000;
  static final long MIN_INTERVAL_MS = 4000;
  static final long MAX_WAIT_MS = 10_000;

  /** What the sticky message needs from the cog: the player, and messages through CogHelper. */
  interface Host {
    GuildPlayer livePlayer(long guildId);

    boolean stickyOn(long guildId);

    CompletableFuture<ProgressMessage> send(long channelId, String content);

    void delete(long channelId, long messageId);
  }

  /** One server's state: the newest message seen, the pending repost, when the last one was. */
  private static final class Pending {
    long newestSeenId;
    long firstUnansweredMillis;
    long lastRepostMillis;
    ScheduledFuture<?> task;
  }

  private final Host host;
  private final ScheduledExecutorService timer;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

  StickyQueue(Host host, ScheduledExecutorService timer) {
    this.host = host;
    this.timer = timer;
  }

  /** A message was posted (by anyone, the bot included) in {@code channelId} of {@code guildId}. */
  void posted(long guildId, long channelId, long messageId) {
    GuildPlayer player = host.livePlayer(guildId);
    if (player == null
        || player.textChannelId() != channelId
        || player.current().isEmpty()
        || !host.stickyOn(guildId)) {
      return;
    }
    long now = System.currentTimeMillis();
    Pending state = pending.computeIfAbsent(guildId, id -> new Pending());
    synchronized (state) {
      state.newestSeenId = Math.max(state.newestSeenId, messageId);
      if (state.task == null) {
        state.firstUnansweredMillis = now;
      } else {
        state.task.cancel(false);
      }
      long at =
          Math.min(
              Math.max(now + QUIET_MS, state.lastRepostMillis + MIN_INTERVAL_MS),
              Math.max(state.firstUnansweredMillis + MAX_WAIT_MS, now));
      state.task = timer.schedule(() -> repost(guildId), at - now, TimeUnit.MILLISECONDS);
    }
  }

  /** Forgets a server whose player went. */
  void forget(long guildId) {
    Pending state = pending.remove(guildId);
    if (state != null) {
      synchronized (state) {
        if (state.task != null) {
          state.task.cancel(false);
        }
      }
    }
  }

  private void repost(long guildId) {
    Pending state = pending.get(guildId);
    GuildPlayer player = host.livePlayer(guildId);
    if (state == null || player == null) {
      return;
    }
    long newest;
    synchronized (state) {
      state.task = null;
      newest = state.newestSeenId;
    }
    CompletableFuture<ProgressMessage> old = player.nowPlayingMessage();
    String text = player.nowPlayingText();
    if (old == null
        || text == null
        || !old.isDone()
        || old.isCompletedExceptionally()
        || player.current().isEmpty()
        || !host.stickyOn(guildId)) {
      return;
    }
    ProgressMessage message = old.getNow(null);
    if (message.messageId() >= newest) {
      return; // still the last message (or newer than what pushed it up)
    }
    synchronized (state) {
      state.lastRepostMillis = System.currentTimeMillis();
    }
    long channel = player.textChannelId();
    CompletableFuture<ProgressMessage> fresh =
        host.send(channel, text)
            .thenApply(
                sent -> {
                  // A track that started while it was being sent edited the old message.
                  String latest = player.nowPlayingText();
                  if (latest != null && !latest.equals(text)) {
                    sent.update(latest);
                  }
                  return sent;
                });
    if (player.replaceNowPlaying(old, fresh)) {
      // Posted first, then the old one deleted: the channel always shows one.
      fresh.thenRun(() -> host.delete(channel, message.messageId()));
    } else {
      fresh.thenAccept(sent -> host.delete(channel, sent.messageId()));
    }
  }
}
