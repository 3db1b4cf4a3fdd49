package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;

/**
 * Guild calls in a process with a gateway session (the bot): roles and the bot's own member come
 * from JDA's cache, which the gateway keeps current, at no call; the rest are REST calls through
 * JDA's entities. A guild or channel JDA does not hold is Discord's 10004 / 10003.
 */
final class GatewayGuildCalls implements GuildCalls {
  private final RequestExecutor.Lookup lookup;

  GatewayGuildCalls(RequestExecutor.Lookup lookup) {
    this.lookup = lookup;
  }

  @Override
  public CompletableFuture<List<HistoryMessage>> history(DiscordRequest.FetchChannelHistory fetch) {
    return HistoryReader.read(HistoryReader.of(channel(fetch.channelId())), fetch);
  }

  @Override
  public CompletableFuture<List<GuildEmoji>> emojis(long guildId) {
    return guild(guildId)
        .retrieveEmojis()
        .submit()
        .thenApply(
            emojis ->
                emojis.stream()
                    .map(
                        e ->
                            new GuildEmoji(
                                e.getIdLong(), e.getName(), e.isAnimated(), e.getImageUrl()))
                    .toList());
  }

  @Override
  public CompletableFuture<List<GuildRole>> roles(long guildId) {
    return CompletableFuture.completedFuture(RoleRequests.list(guild(guildId)));
  }

  @Override
  public CompletableFuture<GuildMember> member(DiscordRequest.FetchMember fetch) {
    return RoleRequests.member(guild(fetch.guildId()), fetch);
  }

  @Override
  public CompletableFuture<List<GuildMember>> roleMembers(long guildId, long roleId) {
    Guild guild = guild(guildId);
    return RoleRequests.withRole(guild.getJDA(), guildId, roleId, guild.getOwnerIdLong());
  }

  @Override
  public CompletableFuture<Void> changeRole(
      long guildId, long userId, long roleId, String reason, boolean add) {
    return RoleRequests.change(guild(guildId).getJDA(), guildId, userId, roleId, reason, add);
  }

  private GuildMessageChannel channel(long id) {
    GuildMessageChannel channel = lookup.channel(id);
    if (channel == null) {
      throw new DiscordRequestException(
          404, DiscordRequestException.UNKNOWN_CHANNEL, "Unknown Channel " + id);
    }
    return channel;
  }

  private Guild guild(long id) {
    Guild guild = lookup.guild(id);
    if (guild == null) {
      throw new DiscordRequestException(404, 10004, "Unknown Guild " + id);
    }
    return guild;
  }
}
