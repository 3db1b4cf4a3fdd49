package dev.cogworks.core.internal.messaging;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.TimeUtil;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.JDAImpl;
import net.dv8tion.jda.internal.requests.RestActionImpl;

/**
 * Guild calls with no gateway session (a gateway worker): each is Discord's own route, run by JDA's
 * requester (its per-route buckets, the shared global budget), and its JSON read into the same
 * records {@link GatewayGuildCalls} gives. What the bot reads from its cache costs a call here: the
 * role list and the bot's own member ({@code WorkerCaches} keeps those until the bot says they
 * changed), and each guild's owner, which a member's {@code owner} needs (kept here for {@code
 * ownerTtl}, or until {@link #forgetGuild}).
 */
public final class RestGuildCalls implements GuildCalls {
  /** Get Guild Roles, which JDA has no route for (it reads roles from the gateway). */
  private static final Route GET_ROLES = Route.get("guilds/{guild_id}/roles");

  private final JDA jda;
  private final AsyncCache<Long, Long> owners;

  public RestGuildCalls(JDA jda, Duration ownerTtl) {
    this.jda = jda;
    this.owners = Caffeine.newBuilder().expireAfterWrite(ownerTtl).buildAsync();
  }

  /** The guild changed (its owner may have) or the bot left it. */
  public void forgetGuild(long guildId) {
    owners.synchronous().invalidate(guildId);
  }

  /** Every guild's owner: what changed while nobody said so may include them. */
  public void forgetGuilds() {
    owners.synchronous().invalidateAll();
  }

  @Override
  public CompletableFuture<List<HistoryMessage>> history(DiscordRequest.FetchChannelHistory fetch) {
    String channel = Long.toUnsignedString(fetch.channelId());
    return HistoryReader.read(
        new HistoryReader.Pages() {
          @Override
          public CompletableFuture<List<HistoryMessage>> after(long id, int limit) {
            return messages(channel, "after", Long.toUnsignedString(id), limit);
          }

          @Override
          public CompletableFuture<List<HistoryMessage>> before(Long id, int limit) {
            return id == null
                ? messages(channel, null, null, limit)
                : messages(channel, "before", Long.toUnsignedString(id), limit);
          }
        },
        fetch);
  }

  private CompletableFuture<List<HistoryMessage>> messages(
      String channel, String direction, String id, int limit) {
    Route.CompiledRoute route =
        Route.Messages.GET_MESSAGE_HISTORY
            .compile(channel)
            .withQueryParams("limit", Integer.toString(limit));
    if (direction != null) {
      route = route.withQueryParams(direction, id);
    }
    return array(route).thenApply(answer -> map(answer, this::message));
  }

  /** A message object as {@link HistoryReader#toRecord} reads JDA's. */
  private HistoryMessage message(DataObject m) {
    long id = m.getUnsignedLong("id");
    DataObject author = m.getObject("author");
    List<String> attachments =
        map(m.optArray("attachments").orElseGet(DataArray::empty), a -> a.getString("url"));
    List<net.dv8tion.jda.api.entities.MessageEmbed> embeds =
        map(
            m.optArray("embeds").orElseGet(DataArray::empty),
            ((JDAImpl) jda).getEntityBuilder()::createMessageEmbed);
    return new HistoryMessage(
        id,
        author.getUnsignedLong("id"),
        m.getString("content", ""),
        TimeUtil.getTimeCreated(id).toInstant(),
        HistoryReader.embeds(embeds),
        attachments,
        author.getBoolean("bot") || m.hasKey("webhook_id"));
  }

  @Override
  public CompletableFuture<List<GuildEmoji>> emojis(long guildId) {
    return array(Route.Emojis.GET_EMOJIS.compile(Long.toUnsignedString(guildId)))
        .thenApply(
            answer ->
                map(
                    answer,
                    e -> {
                      long id = e.getUnsignedLong("id");
                      String name = e.getString("name");
                      boolean animated = e.getBoolean("animated");
                      return new GuildEmoji(
                          id, name, animated, Emoji.fromCustom(name, id, animated).getImageUrl());
                    }));
  }

  @Override
  public CompletableFuture<List<GuildRole>> roles(long guildId) {
    return array(GET_ROLES.compile(Long.toUnsignedString(guildId)))
        .thenApply(answer -> RoleRequests.list(answer, guildId));
  }

  @Override
  public CompletableFuture<GuildMember> member(DiscordRequest.FetchMember fetch) {
    long userId =
        fetch.userId() == DiscordRequest.FetchMember.BOT
            ? jda.getSelfUser().getIdLong()
            : fetch.userId();
    return owner(fetch.guildId())
        .thenCompose(
            owner ->
                object(
                        Route.Guilds.GET_MEMBER.compile(
                            Long.toUnsignedString(fetch.guildId()), Long.toUnsignedString(userId)))
                    .thenApply(answer -> RoleRequests.member(answer, owner)));
  }

  @Override
  public CompletableFuture<List<GuildMember>> roleMembers(long guildId, long roleId) {
    return owner(guildId).thenCompose(owner -> RoleRequests.withRole(jda, guildId, roleId, owner));
  }

  @Override
  public CompletableFuture<Void> changeRole(
      long guildId, long userId, long roleId, String reason, boolean add) {
    return RoleRequests.change(jda, guildId, userId, roleId, reason, add);
  }

  private CompletableFuture<Long> owner(long guildId) {
    return owners.get(
        guildId,
        (id, pool) ->
            object(Route.Guilds.GET_GUILD.compile(Long.toUnsignedString(id)))
                .thenApply(answer -> answer.getUnsignedLong("owner_id")));
  }

  /** A GET through JDA's requester, its answer's JSON array as it came. */
  private CompletableFuture<DataArray> array(Route.CompiledRoute route) {
    return new RestActionImpl<DataArray>(jda, route, (response, request) -> response.getArray())
        .submit();
  }

  private CompletableFuture<DataObject> object(Route.CompiledRoute route) {
    return new RestActionImpl<DataObject>(jda, route, (response, request) -> response.getObject())
        .submit();
  }

  private static <T> List<T> map(DataArray array, java.util.function.Function<DataObject, T> f) {
    List<T> out = new ArrayList<>(array.length());
    for (int i = 0; i < array.length(); i++) {
      out.add(f.apply(array.getObject(i)));
    }
    return out;
  }
}
