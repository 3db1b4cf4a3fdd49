package dev.cogworks.core.internal.relay;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.messaging.BucketObserver;
import dev.cogworks.core.internal.messaging.DiscordErrors;
import dev.cogworks.core.internal.messaging.RequestExecutor;
import dev.cogworks.core.internal.messaging.RestGuildCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A gateway worker's caches, each of which saves Discord calls. The worker has no gateway session,
 * so they are kept from what it runs and from the bot's {@link Invalidation}s ({@link #apply}):
 *
 * <ul>
 *   <li>emoji: a guild's emoji list (markov fetches it again and again); dropped when the bot says
 *       the emojis changed;
 *   <li>roles and bot_member: a guild's role list and the bot's own member, which the bot reads
 *       from its gateway cache at no call and a worker would fetch each time; dropped when the bot
 *       says roles (or its own roles) changed;
 *   <li>deleted_message and deleted_channel: tombstones of messages and channels known to be gone
 *       (deleted by this worker, by anyone as the bot saw, or answered 10008 / 10003). A request on
 *       one fails at once with Discord's answer, with no call.
 * </ul>
 *
 * No JDA entity is cached: the worker's JDA holds none. Hits and misses are published as {@code
 * cache.gets{cache=gateway.<name>}}; a hit is a call not made.
 */
public final class WorkerCaches {
  private final RequestExecutor executor;
  private final RestGuildCalls guilds;
  private final BucketObserver buckets;
  private final AsyncCache<Long, List<GuildEmoji>> emojis;
  private final AsyncCache<Long, List<GuildRole>> roles;
  private final AsyncCache<Long, GuildMember> botMembers;
  private final Cache<Long, Boolean> deleted;
  private final Cache<Long, Boolean> deletedChannels;

  /**
   * {@code guilds}: the executor's guild calls, whose guild owners are forgotten here too; {@code
   * buckets}: what reads the executor's answers, which a request's result waits for.
   */
  public WorkerCaches(
      CogworksConfig.RelayCache config,
      RequestExecutor executor,
      RestGuildCalls guilds,
      BucketObserver buckets) {
    this.executor = executor;
    this.guilds = guilds;
    this.buckets = buckets;
    this.emojis = lists(config.emojiTtl());
    this.roles = lists(config.guildTtl());
    this.botMembers = lists(config.guildTtl());
    this.deleted = tombstones(config.messageTtl(), config.messageMaxSize());
    this.deletedChannels = tombstones(config.messageTtl(), config.messageMaxSize());
  }

  private static <V> AsyncCache<Long, V> lists(Duration ttl) {
    return Caffeine.newBuilder().expireAfterWrite(ttl).recordStats().buildAsync();
  }

  private static Cache<Long, Boolean> tombstones(Duration ttl, int max) {
    return Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(max).recordStats().build();
  }

  public void bindTo(MeterRegistry registry) {
    CaffeineCacheMetrics.monitor(registry, emojis, "gateway.emoji");
    CaffeineCacheMetrics.monitor(registry, roles, "gateway.roles");
    CaffeineCacheMetrics.monitor(registry, botMembers, "gateway.bot_member");
    CaffeineCacheMetrics.monitor(registry, deleted, "gateway.deleted_message");
    CaffeineCacheMetrics.monitor(registry, deletedChannels, "gateway.deleted_channel");
  }

  /** Hits (calls saved) and misses (calls made) per cache. */
  public Map<String, CacheStats> stats() {
    Map<String, CacheStats> stats = new LinkedHashMap<>();
    stats.put("emoji", emojis.synchronous().stats());
    stats.put("roles", roles.synchronous().stats());
    stats.put("bot_member", botMembers.synchronous().stats());
    stats.put("deleted_message", deleted.stats());
    stats.put("deleted_channel", deletedChannels.stats());
    return stats;
  }

  /** Whether a message is known deleted here (for tests: the bot's invalidation has arrived). */
  public boolean knowsDeleted(long messageId) {
    return deleted.asMap().containsKey(messageId);
  }

  /** Whether a channel is known deleted here. */
  public boolean knowsDeletedChannel(long channelId) {
    return deletedChannels.asMap().containsKey(channelId);
  }

  /** Applies what the bot saw on its gateway; runs on the subscription's thread. */
  public void apply(Invalidation invalidation) {
    long id = invalidation.id();
    switch (invalidation.kind()) {
      case MESSAGE_DELETED -> deleted.put(id, true);
      case CHANNEL_DELETED -> deletedChannels.put(id, true);
      case EMOJIS_CHANGED -> emojis.synchronous().invalidate(id);
      case ROLES_CHANGED -> {
        roles.synchronous().invalidate(id);
        botMembers.synchronous().invalidate(id);
      }
      case GUILD_CHANGED -> {
        botMembers.synchronous().invalidate(id);
        guilds.forgetGuild(id);
      }
      case GUILD_LEFT -> forgetGuild(id);
    }
  }

  /**
   * The subscription (re)connected: what was published while it was away is lost, so the guild
   * lists may be stale; they are dropped. Tombstones only save calls Discord would refuse anyway.
   */
  public void resubscribed() {
    emojis.synchronous().invalidateAll();
    roles.synchronous().invalidateAll();
    botMembers.synchronous().invalidateAll();
    guilds.forgetGuilds();
  }

  private void forgetGuild(long id) {
    emojis.synchronous().invalidate(id);
    roles.synchronous().invalidate(id);
    botMembers.synchronous().invalidate(id);
    guilds.forgetGuild(id);
  }

  /** Runs a request through the executor, answering from and updating the caches on the way. */
  @SuppressWarnings("unchecked")
  public <R> CompletableFuture<R> execute(DiscordRequest<R> request) {
    if (request instanceof DiscordRequest.FetchGuildEmojis fetch) {
      return (CompletableFuture<R>) cached(emojis, fetch.guildId(), fetch);
    }
    if (request instanceof DiscordRequest.ListRoles list) {
      return (CompletableFuture<R>) cached(roles, list.guildId(), list);
    }
    if (request instanceof DiscordRequest.FetchMember fetch
        && fetch.userId() == DiscordRequest.FetchMember.BOT) {
      return (CompletableFuture<R>) cached(botMembers, fetch.guildId(), fetch);
    }
    Long channel = channelOf(request);
    if (channel != null && deletedChannels.getIfPresent(channel) != null) {
      return CompletableFuture.failedFuture(
          new DiscordRequestException(
              404, DiscordRequestException.UNKNOWN_CHANNEL, "Unknown Channel " + channel));
    }
    Long message = messageOf(request);
    if (message != null && deleted.getIfPresent(message) != null) {
      return CompletableFuture.failedFuture(
          new DiscordRequestException(
              404, DiscordRequestException.UNKNOWN_MESSAGE, "Unknown Message " + message));
    }
    boolean deleting = request instanceof DiscordRequest.DeleteMessage;
    CompletableFuture<R> result =
        executor
            .execute(request)
            .whenComplete(
                (value, failure) -> {
                  int code = failure == null ? 0 : code(failure);
                  if (message != null
                      && (failure == null
                          ? deleting
                          : code == DiscordRequestException.UNKNOWN_MESSAGE)) {
                    deleted.put(message, true);
                  }
                  if (channel != null && code == DiscordRequestException.UNKNOWN_CHANNEL) {
                    deletedChannels.put(channel, true);
                  }
                });
    return answerRead(request, result);
  }

  /**
   * {@code result} once the answer it came from has been read for rate limits too: the request is
   * settled only then, so the channel's next request (perhaps on another worker) finds the bucket
   * this answer emptied already shared. A second at most, should the reading never end.
   */
  private <R> CompletableFuture<R> answerRead(
      DiscordRequest<R> request, CompletableFuture<R> result) {
    String route = Buckets.of(request);
    if (route.isEmpty()) {
      return result;
    }
    return result
        .handle((value, failure) -> null)
        .thenCompose(
            ignored ->
                buckets
                    .read(route, request.routeKey())
                    .completeOnTimeout(null, 1, TimeUnit.SECONDS))
        .thenCompose(ignored -> result);
  }

  /** A failed load is not kept: the next request asks Discord again. */
  private <V> CompletableFuture<V> cached(
      AsyncCache<Long, V> cache, long guildId, DiscordRequest<V> request) {
    return cache.get(guildId, (key, pool) -> executor.execute(request));
  }

  /** The channel a request's route is under (interactions and webhooks have none of their own). */
  private static Long channelOf(DiscordRequest<?> request) {
    if (request instanceof DiscordRequest.SendMessage r) {
      return r.channelId();
    } else if (request instanceof DiscordRequest.EditMessage r) {
      return r.channelId();
    } else if (request instanceof DiscordRequest.DeleteMessage r) {
      return r.channelId();
    } else if (request instanceof DiscordRequest.FetchChannelHistory r) {
      return r.channelId();
    } else if (request instanceof DiscordRequest.BatchUpdateMessages r) {
      return r.channelId();
    }
    return null;
  }

  private static Long messageOf(DiscordRequest<?> request) {
    if (request instanceof DiscordRequest.EditMessage r) {
      return r.messageId();
    } else if (request instanceof DiscordRequest.DeleteMessage r) {
      return r.messageId();
    }
    return null;
  }

  private static int code(Throwable failure) {
    return DiscordErrors.unwrap(failure) instanceof DiscordRequestException e ? e.code() : 0;
  }
}
