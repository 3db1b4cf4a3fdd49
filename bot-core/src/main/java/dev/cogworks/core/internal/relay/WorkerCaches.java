package dev.cogworks.core.internal.relay;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.messaging.RequestExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.events.channel.ChannelCreateEvent;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.emoji.GenericEmojiEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.message.MessageBulkDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * The worker's caches (seed 003), with the seed's lifetimes:
 *
 * <ul>
 *   <li>guild and channel: the lookups every request starts with, saving a scan of all shards;
 *   <li>emoji: a guild's emoji list, so markov's repeated fetches cost no REST call;
 *   <li>message: what this worker knows of a message it sent, edited, deleted or read. An edit or
 *       delete of a message known to be deleted fails at once with Discord's 10008, with no call.
 *       Edits are never skipped on the cache's word: another worker may have changed the message
 *       since.
 * </ul>
 *
 * Guilds and channels are filled from the gateway as they become known ({@link #warm}). Entries go
 * on the worker's own edits and deletes and on the gateway's events (channel deleted, guild left,
 * emojis changed, a message edited or deleted by anyone).
 */
public final class WorkerCaches extends ListenerAdapter implements RequestExecutor.Lookup {
  /** What the worker last knew of a message; {@code deleted} ones are tombstones. */
  record KnownMessage(long channelId, String content, boolean deleted) {}

  private final ShardManager shards;
  private final Cache<Long, Guild> guilds;
  private final Cache<Long, GuildMessageChannel> channels;
  private final Cache<Long, KnownMessage> messages;
  private final AsyncCache<Long, List<GuildEmoji>> emojis;

  public WorkerCaches(CogworksConfig.RelayCache config, ShardManager shards) {
    this.shards = shards;
    this.guilds = Caffeine.newBuilder().expireAfterWrite(config.guildTtl()).recordStats().build();
    this.channels =
        Caffeine.newBuilder().expireAfterWrite(config.channelTtl()).recordStats().build();
    this.messages =
        Caffeine.newBuilder()
            .expireAfterWrite(config.messageTtl())
            .maximumSize(config.messageMaxSize())
            .recordStats()
            .build();
    this.emojis =
        Caffeine.newBuilder().expireAfterWrite(config.emojiTtl()).recordStats().buildAsync();
  }

  /** Publishes hits, misses and sizes as {@code cache.*} meters tagged {@code cache=<name>}. */
  public void bindTo(MeterRegistry registry) {
    CaffeineCacheMetrics.monitor(registry, guilds, "gateway.guild");
    CaffeineCacheMetrics.monitor(registry, channels, "gateway.channel");
    CaffeineCacheMetrics.monitor(registry, messages, "gateway.message");
    CaffeineCacheMetrics.monitor(registry, emojis, "gateway.emoji");
  }

  /** Hit and miss counts per cache: guild, channel, message (before an edit), emoji. */
  public Map<String, CacheStats> stats() {
    Map<String, CacheStats> stats = new LinkedHashMap<>();
    stats.put("guild", guilds.stats());
    stats.put("channel", channels.stats());
    stats.put("message", messages.stats());
    stats.put("emoji", emojis.synchronous().stats());
    return stats;
  }

  @Override
  public GuildMessageChannel channel(long id) {
    // Caffeine keeps no entry for null: an unknown channel is looked up again next time.
    return channels.get(id, key -> shards.getChannelById(GuildMessageChannel.class, key));
  }

  @Override
  public Guild guild(long id) {
    return guilds.get(id, shards::getGuildById);
  }

  /** Runs a request through the executor, answering from and updating the caches on the way. */
  @SuppressWarnings("unchecked")
  public <R> CompletableFuture<R> execute(DiscordRequest<R> request, RequestExecutor executor) {
    if (request instanceof DiscordRequest.FetchGuildEmojis fetch) {
      return (CompletableFuture<R>)
          emojis.get(fetch.guildId(), (key, pool) -> executor.execute(fetch));
    }
    if (request instanceof DiscordRequest.EditMessage edit) {
      KnownMessage known = messages.getIfPresent(edit.messageId());
      if (known != null && known.deleted()) {
        return CompletableFuture.failedFuture(unknownMessage(edit.messageId()));
      }
      return track(
          executor.execute(request),
          edit.messageId(),
          () -> remember(edit.channelId(), edit.messageId(), edit.content()));
    }
    if (request instanceof DiscordRequest.DeleteMessage delete) {
      KnownMessage known = messages.asMap().get(delete.messageId());
      if (known != null && known.deleted()) {
        return CompletableFuture.failedFuture(unknownMessage(delete.messageId()));
      }
      return track(
          executor.execute(request),
          delete.messageId(),
          () -> tombstone(delete.channelId(), delete.messageId()));
    }
    if (request instanceof DiscordRequest.BatchUpdateMessages batch) {
      batch.updates().forEach(u -> messages.getIfPresent(u.messageId()));
    }
    CompletableFuture<R> result = executor.execute(request);
    return result.thenApply(
        value -> {
          if (request instanceof DiscordRequest.SendMessage send) {
            List<Long> ids = ((SentMessage) value).ids();
            String content = ids.size() == 1 ? send.content() : null;
            ids.forEach(id -> remember(send.channelId(), id, content));
          } else if (request instanceof DiscordRequest.FetchChannelHistory fetch) {
            for (HistoryMessage m : (List<HistoryMessage>) value) {
              remember(fetch.channelId(), m.id(), m.content());
            }
          } else if (request instanceof DiscordRequest.BatchUpdateMessages batch) {
            batch.updates().forEach(u -> remember(batch.channelId(), u.messageId(), u.content()));
          }
          return value;
        });
  }

  /** A 10008 means the message is gone: remember that too. */
  private <R> CompletableFuture<R> track(
      CompletableFuture<R> result, long messageId, Runnable onSuccess) {
    return result.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            onSuccess.run();
          } else if (failure instanceof DiscordRequestException e
              && e.code() == DiscordRequestException.UNKNOWN_MESSAGE) {
            tombstone(0, messageId);
          }
        });
  }

  private void remember(long channelId, long messageId, String content) {
    messages.put(messageId, new KnownMessage(channelId, content, false));
  }

  private void tombstone(long channelId, long messageId) {
    messages.put(messageId, new KnownMessage(channelId, null, true));
  }

  private static DiscordRequestException unknownMessage(long id) {
    return new DiscordRequestException(
        404, DiscordRequestException.UNKNOWN_MESSAGE, "Unknown Message " + id);
  }

  /**
   * Fills the guild and channel caches from what the gateway already told this worker (its guilds'
   * GUILD_CREATE), so a fresh worker's first request in a channel does not scan every shard. Called
   * once the shards are ready, and again for each guild that becomes ready later.
   */
  public void warm(Guild guild) {
    guilds.put(guild.getIdLong(), guild);
    for (GuildChannel channel : guild.getChannels()) {
      if (channel instanceof GuildMessageChannel messages) {
        channels.put(messages.getIdLong(), messages);
      }
    }
  }

  @Override
  public void onGuildReady(GuildReadyEvent event) {
    // Also after a session was invalidated: JDA then builds new entities, so replace ours.
    warm(event.getGuild());
  }

  @Override
  public void onGuildJoin(GuildJoinEvent event) {
    warm(event.getGuild());
  }

  @Override
  public void onChannelCreate(ChannelCreateEvent event) {
    if (event.getChannel() instanceof GuildMessageChannel created) {
      channels.put(created.getIdLong(), created);
    }
  }

  @Override
  public void onChannelDelete(ChannelDeleteEvent event) {
    channels.invalidate(event.getChannel().getIdLong());
  }

  @Override
  public void onGuildLeave(GuildLeaveEvent event) {
    guilds.invalidate(event.getGuild().getIdLong());
    emojis.synchronous().invalidate(event.getGuild().getIdLong());
  }

  @Override
  public void onGenericEmoji(GenericEmojiEvent event) {
    emojis.synchronous().invalidate(event.getGuild().getIdLong());
  }

  @Override
  public void onMessageUpdate(MessageUpdateEvent event) {
    // Someone (perhaps another worker) changed it: keep the new content, or forget it when the
    // event does not carry content.
    if (messages.asMap().containsKey(event.getMessageIdLong())) {
      String content = event.getMessage().getContentRaw();
      messages.put(
          event.getMessageIdLong(),
          new KnownMessage(event.getChannel().getIdLong(), content, false));
    }
  }

  @Override
  public void onMessageDelete(MessageDeleteEvent event) {
    tombstone(event.getChannel().getIdLong(), event.getMessageIdLong());
  }

  @Override
  public void onMessageBulkDelete(MessageBulkDeleteEvent event) {
    event
        .getMessageIds()
        .forEach(id -> tombstone(event.getChannel().getIdLong(), Long.parseLong(id)));
  }
}
