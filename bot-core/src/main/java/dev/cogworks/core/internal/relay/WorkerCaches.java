package dev.cogworks.core.internal.relay;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.messaging.DiscordErrors;
import dev.cogworks.core.internal.messaging.RequestExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.events.emoji.GenericEmojiEvent;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.message.MessageBulkDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

/**
 * The worker's caches, each saving Discord calls (seed 003's lifetimes):
 *
 * <ul>
 *   <li>emoji: a guild's emoji list, so markov's repeated fetches cost no REST call; dropped when
 *       the gateway says the guild's emojis changed or the bot left it;
 *   <li>deleted message: messages known to be gone (deleted by this worker, by anyone as the
 *       gateway tells, or answered 10008). An edit or delete of one fails at once with Discord's
 *       10008, with no call.
 * </ul>
 *
 * Guilds and channels are JDA's own, looked up in JDA each time: JDA keeps them current, and a copy
 * would go stale when a session is recreated. Requests run through the {@link RequestExecutor}
 * given here; hits and misses are published as {@code cache.gets{cache=gateway.emoji|
 * gateway.deleted_message}}.
 */
public final class WorkerCaches extends ListenerAdapter {
  private final RequestExecutor executor;
  private final AsyncCache<Long, List<GuildEmoji>> emojis;
  private final Cache<Long, Boolean> deleted;

  public WorkerCaches(CogworksConfig.RelayCache config, RequestExecutor executor) {
    this.executor = executor;
    this.emojis =
        Caffeine.newBuilder().expireAfterWrite(config.emojiTtl()).recordStats().buildAsync();
    this.deleted =
        Caffeine.newBuilder()
            .expireAfterWrite(config.messageTtl())
            .maximumSize(config.messageMaxSize())
            .recordStats()
            .build();
  }

  public void bindTo(MeterRegistry registry) {
    CaffeineCacheMetrics.monitor(registry, emojis, "gateway.emoji");
    CaffeineCacheMetrics.monitor(registry, deleted, "gateway.deleted_message");
  }

  /**
   * Hits and misses per cache: emoji (per emoji fetch) and deleted_message (per edit or delete; a
   * hit is a call not made).
   */
  public Map<String, CacheStats> stats() {
    Map<String, CacheStats> stats = new LinkedHashMap<>();
    stats.put("emoji", emojis.synchronous().stats());
    stats.put("deleted_message", deleted.stats());
    return stats;
  }

  /** Runs a request through the executor, answering from and updating the caches on the way. */
  @SuppressWarnings("unchecked")
  public <R> CompletableFuture<R> execute(DiscordRequest<R> request) {
    if (request instanceof DiscordRequest.FetchGuildEmojis fetch) {
      return (CompletableFuture<R>)
          emojis.get(fetch.guildId(), (key, pool) -> executor.execute(fetch));
    }
    long messageId;
    if (request instanceof DiscordRequest.EditMessage edit) {
      messageId = edit.messageId();
    } else if (request instanceof DiscordRequest.DeleteMessage delete) {
      messageId = delete.messageId();
    } else {
      return executor.execute(request);
    }
    if (deleted.getIfPresent(messageId) != null) {
      return CompletableFuture.failedFuture(
          new DiscordRequestException(
              404, DiscordRequestException.UNKNOWN_MESSAGE, "Unknown Message " + messageId));
    }
    boolean deleting = request instanceof DiscordRequest.DeleteMessage;
    return executor
        .execute(request)
        .whenComplete(
            (value, failure) -> {
              if (failure == null ? deleting : unknownMessage(failure)) {
                deleted.put(messageId, true);
              }
            });
  }

  private static boolean unknownMessage(Throwable failure) {
    return DiscordErrors.unwrap(failure) instanceof DiscordRequestException e
        && e.code() == DiscordRequestException.UNKNOWN_MESSAGE;
  }

  @Override
  public void onGuildLeave(GuildLeaveEvent event) {
    emojis.synchronous().invalidate(event.getGuild().getIdLong());
  }

  @Override
  public void onGenericEmoji(GenericEmojiEvent event) {
    emojis.synchronous().invalidate(event.getGuild().getIdLong());
  }

  @Override
  public void onMessageDelete(MessageDeleteEvent event) {
    deleted.put(event.getMessageIdLong(), true);
  }

  @Override
  public void onMessageBulkDelete(MessageBulkDeleteEvent event) {
    event.getMessageIds().forEach(id -> deleted.put(Long.parseLong(id), true));
  }
}
