package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The requests that need to know a guild or a channel beyond its id: where a process has a gateway
 * session, JDA's cache answers what it holds ({@link GatewayGuildCalls}); a gateway worker has none
 * and asks Discord over REST ({@link RestGuildCalls}). Both give the same records, so a request
 * answers the same in every mode. Failures are Discord's, untranslated ({@link RequestExecutor}
 * translates them).
 */
public interface GuildCalls {
  CompletableFuture<List<HistoryMessage>> history(DiscordRequest.FetchChannelHistory fetch);

  CompletableFuture<List<GuildEmoji>> emojis(long guildId);

  /** Highest first, {@code @everyone} last. */
  CompletableFuture<List<GuildRole>> roles(long guildId);

  CompletableFuture<GuildMember> member(DiscordRequest.FetchMember fetch);

  CompletableFuture<List<GuildMember>> roleMembers(long guildId, long roleId);

  /**
   * Adds or removes a member's role by Discord's own route, without checks against a cache: whether
   * the bot may is Discord's answer (403 / 50013), the same in every mode.
   */
  CompletableFuture<Void> changeRole(
      long guildId, long userId, long roleId, String reason, boolean add);
}
