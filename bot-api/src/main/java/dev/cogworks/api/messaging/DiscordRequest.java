package dev.cogworks.api.messaging;

import dev.cogworks.api.messaging.Results.BatchResult;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import dev.cogworks.api.messaging.Results.SentMessage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a cog can ask of Discord, as data: a closed family of records, each with its route key
 * (the channel or guild whose requests must stay in order). Every messaging mode carries these same
 * records to the same executor. Code that handles every kind implements {@link Visitor}, so adding
 * a kind of request fails to compile until every handler knows it.
 *
 * @param <R> what the request completes with
 */
public sealed interface DiscordRequest<R> {
  /** The channel or guild id requests are ordered by. */
  long routeKey();

  <T> T accept(Visitor<T> visitor);

  default Priority priority() {
    return Priority.NORMAL;
  }

  /**
   * The request's name in the wire schema and in logs: the record's name in snake case ({@code
   * SendMessage} is {@code send_message}).
   */
  default String action() {
    return ACTIONS.get(getClass());
  }

  /** One method per kind of request. */
  interface Visitor<T> {
    T sendMessage(SendMessage request);

    T editMessage(EditMessage request);

    T deleteMessage(DeleteMessage request);

    T fetchChannelHistory(FetchChannelHistory request);

    T fetchGuildEmojis(FetchGuildEmojis request);

    T batchUpdateMessages(BatchUpdateMessages request);

    T listRoles(ListRoles request);

    T addRole(AddRole request);

    T removeRole(RemoveRole request);

    T fetchMember(FetchMember request);

    T listRoleMembers(ListRoleMembers request);

    T editInteractionResponse(EditInteractionResponse request);

    T sendFollowup(SendFollowup request);

    T deleteInteractionResponse(DeleteInteractionResponse request);

    T executeWebhook(ExecuteWebhook request);
  }

  /** The action name of each record, derived once from its class name. */
  ClassValue<String> ACTIONS =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          return type.getSimpleName()
              .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
              .toLowerCase(Locale.ROOT);
        }
      };

  /** Sends a message; a reply when {@link SendOptions#replyTo()} is set. */
  record SendMessage(long channelId, String content, SendOptions options)
      implements DiscordRequest<SentMessage> {
    public SendMessage {
      content = content == null ? "" : content;
      options = options == null ? SendOptions.DEFAULT : options;
    }

    public long routeKey() {
      return channelId;
    }

    public Priority priority() {
      return options.priority();
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.sendMessage(this);
    }
  }

  /** Replaces the content, the embeds and/or the components; a null part is left as it is. */
  record EditMessage(
      long channelId,
      long messageId,
      String content,
      List<Embed> embeds,
      List<ActionRow> components,
      Priority priority)
      implements DiscordRequest<Void> {
    public EditMessage {
      embeds = embeds == null ? null : List.copyOf(embeds);
      components = ActionRow.checked(components);
      priority = priority == null ? Priority.NORMAL : priority;
    }

    public EditMessage(
        long channelId, long messageId, String content, List<Embed> embeds, Priority priority) {
      this(channelId, messageId, content, embeds, null, priority);
    }

    public long routeKey() {
      return channelId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.editMessage(this);
    }
  }

  record DeleteMessage(long channelId, long messageId, Priority priority)
      implements DiscordRequest<Void> {
    public DeleteMessage {
      priority = priority == null ? Priority.NORMAL : priority;
    }

    public long routeKey() {
      return channelId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.deleteMessage(this);
    }
  }

  /**
   * Up to {@code limit} messages (any number; paged by 100), after {@code afterMessageId} and
   * before {@code before} when given, oldest first. Background reads (a cog learning from history)
   * ask at {@link Priority#LOW}, behind what people wait for.
   */
  record FetchChannelHistory(
      long channelId, int limit, Long afterMessageId, Instant before, Priority priority)
      implements DiscordRequest<List<HistoryMessage>> {
    public FetchChannelHistory {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, was " + limit);
      }
      priority = priority == null ? Priority.NORMAL : priority;
    }

    public FetchChannelHistory(long channelId, int limit, Long afterMessageId, Instant before) {
      this(channelId, limit, afterMessageId, before, Priority.NORMAL);
    }

    public long routeKey() {
      return channelId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.fetchChannelHistory(this);
    }
  }

  /** A guild's custom emojis; {@link Priority#LOW} for background reads. */
  record FetchGuildEmojis(long guildId, Priority priority)
      implements DiscordRequest<List<GuildEmoji>> {
    public FetchGuildEmojis {
      priority = priority == null ? Priority.NORMAL : priority;
    }

    public FetchGuildEmojis(long guildId) {
      this(guildId, Priority.NORMAL);
    }

    public long routeKey() {
      return guildId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.fetchGuildEmojis(this);
    }
  }

  record BatchUpdateMessages(long channelId, List<MessageUpdate> updates)
      implements DiscordRequest<BatchResult> {
    public BatchUpdateMessages {
      updates = List.copyOf(updates);
    }

    public long routeKey() {
      return channelId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.batchUpdateMessages(this);
    }
  }

  /** A guild's roles with their positions, permissions and colours, highest first. */
  record ListRoles(long guildId) implements DiscordRequest<List<GuildRole>> {
    public long routeKey() {
      return guildId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.listRoles(this);
    }
  }

  /**
   * Gives a member a role. Discord refuses (403, 50013) a role at or above the bot's highest, a
   * managed role and {@code @everyone}, and without Manage Roles. {@code reason}, when given, is
   * written to the server's audit log (Discord allows 512 characters; longer is cut).
   */
  record AddRole(long guildId, long userId, long roleId, String reason)
      implements DiscordRequest<Void> {
    public AddRole {
      reason = AuditReason.checked(reason);
    }

    public AddRole(long guildId, long userId, long roleId) {
      this(guildId, userId, roleId, null);
    }

    public long routeKey() {
      return guildId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.addRole(this);
    }
  }

  /** Takes a role from a member; refused as {@link AddRole} is, with the same audit reason. */
  record RemoveRole(long guildId, long userId, long roleId, String reason)
      implements DiscordRequest<Void> {
    public RemoveRole {
      reason = AuditReason.checked(reason);
    }

    public RemoveRole(long guildId, long userId, long roleId) {
      this(guildId, userId, roleId, null);
    }

    public long routeKey() {
      return guildId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.removeRole(this);
    }
  }

  /**
   * One member as Discord answers now (a REST read, not a cache): their roles and whether they own
   * the guild. {@link #BOT} as the user asks for the bot's own membership, whose highest role
   * bounds what it may give. Fails with 404 / 10007 for someone not in the guild.
   */
  record FetchMember(long guildId, long userId) implements DiscordRequest<GuildMember> {
    /** The user id that stands for the bot itself. */
    public static final long BOT = 0;

    public long routeKey() {
      return guildId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.fetchMember(this);
    }
  }

  /**
   * The members who have a role, read from Discord's member list (paged by 1,000; needs the
   * application's Server Members switch, else 403 / 50001).
   */
  record ListRoleMembers(long guildId, long roleId, Priority priority)
      implements DiscordRequest<List<GuildMember>> {
    public ListRoleMembers {
      priority = priority == null ? Priority.NORMAL : priority;
    }

    public ListRoleMembers(long guildId, long roleId) {
      this(guildId, roleId, Priority.NORMAL);
    }

    public long routeKey() {
      return guildId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.listRoleMembers(this);
    }
  }

  /**
   * Fills in (or replaces) an interaction's original response: the reply to a slash command after
   * its deferral, or the message a clicked component sits on. Ordered with the channel's other
   * requests; completes with the response message's id.
   */
  record EditInteractionResponse(
      long channelId,
      InteractionToken token,
      String content,
      List<Embed> embeds,
      List<ActionRow> components,
      Priority priority)
      implements DiscordRequest<SentMessage> {
    public EditInteractionResponse {
      Objects.requireNonNull(token, "token");
      embeds = embeds == null ? null : List.copyOf(embeds);
      components = ActionRow.checked(components);
      priority = priority == null ? Priority.NORMAL : priority;
    }

    public long routeKey() {
      return channelId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.editInteractionResponse(this);
    }
  }

  /**
   * A follow-up message to an interaction; {@code ephemeral} ones are seen only by the user who ran
   * it. Discord gives follow-ups no nonce, so unlike a send a retried follow-up may appear twice;
   * the executor does not retry what Discord may have accepted.
   */
  record SendFollowup(
      long channelId,
      InteractionToken token,
      String content,
      List<Embed> embeds,
      List<ActionRow> components,
      boolean ephemeral,
      Priority priority)
      implements DiscordRequest<SentMessage> {
    public SendFollowup {
      Objects.requireNonNull(token, "token");
      content = content == null ? "" : content;
      embeds = embeds == null ? List.of() : List.copyOf(embeds);
      components = components == null ? List.of() : ActionRow.checked(components);
      priority = priority == null ? Priority.NORMAL : priority;
    }

    public long routeKey() {
      return channelId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.sendFollowup(this);
    }
  }

  /** Deletes an interaction's original response (for example a deferred "thinking" message). */
  record DeleteInteractionResponse(long channelId, InteractionToken token, Priority priority)
      implements DiscordRequest<Void> {
    public DeleteInteractionResponse {
      Objects.requireNonNull(token, "token");
      priority = priority == null ? Priority.NORMAL : priority;
    }

    public long routeKey() {
      return channelId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.deleteInteractionResponse(this);
    }
  }

  /**
   * Posts a message through a channel webhook ({@code POST /webhooks/{id}/{token}}, waiting for the
   * message), pinging no one. Ordered with the webhook's other posts; its rate limit is the
   * webhook's own. Completes with the message's id.
   */
  record ExecuteWebhook(
      long webhookId, WebhookToken token, String content, List<Embed> embeds, Priority priority)
      implements DiscordRequest<SentMessage> {
    public ExecuteWebhook {
      Objects.requireNonNull(token, "token");
      content = content == null ? "" : content;
      embeds = embeds == null ? List.of() : List.copyOf(embeds);
      priority = priority == null ? Priority.NORMAL : priority;
    }

    public long routeKey() {
      return webhookId;
    }

    public <T> T accept(Visitor<T> visitor) {
      return visitor.executeWebhook(this);
    }
  }
}
