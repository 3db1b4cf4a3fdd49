package dev.cogworks.api;

import dev.cogworks.api.component.ComponentId;
import dev.cogworks.api.component.ComponentSpec;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.ProgressMessage;
import dev.cogworks.api.messaging.Results.BatchResult;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.api.settings.GuildSettings;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The base class cogs extend: it keeps the {@link CogContext} and gives cogs one place to reach the
 * platform from. Discord operations (send, edit, delete, history, roles) arrive here with the
 * MessagingQueue, so that cogs never call JDA directly for them.
 */
public abstract class CogHelper implements Cog {
  private volatile CogContext context;

  @Override
  public final void load(CogContext context) throws Exception {
    this.context = context;
    onLoad();
  }

  /** Called once the context is available; override instead of {@link #load}. */
  protected void onLoad() throws Exception {}

  /** The context; only valid after load. */
  protected CogContext context() {
    if (context == null) {
      throw new IllegalStateException(name() + " is not loaded yet");
    }
    return context;
  }

  /**
   * Progress shown on a message this cog sent: update it as often as you like, the latest content
   * wins and the final one always lands, without flooding Discord with edits.
   */
  protected ProgressMessage progressMessage(long channelId, long messageId) {
    return ProgressMessage.of(context().messaging(), channelId, messageId);
  }

  /** One server's values of this cog's {@link #settings()}; reads never block. */
  protected GuildSettings settings(long guildId) {
    return context().settings(guildId);
  }

  /**
   * The custom id for a button or select menu whose clicks go to this cog's component handler
   * {@code handler} (declared in {@link #components()}) with {@code payload}: {@code
   * Component.Button.of(ButtonStyle.SUCCESS, componentId("vote", "yes"), "Yes")}. The id holds
   * everything, so the component keeps working after a restart.
   *
   * @throws IllegalArgumentException when no such handler is declared, or the id would be longer
   *     than Discord's 100 characters
   */
  protected String componentId(String handler, String payload) {
    if (components().stream().map(ComponentSpec::name).noneMatch(handler::equals)) {
      throw new IllegalArgumentException(
          "cog "
              + name()
              + " has no component handler '"
              + handler
              + "'; declare it in components()");
    }
    return new ComponentId(name(), handler, payload).customId();
  }

  // ---- Discord operations, through the MessagingQueue ----

  /** Sends a message (split on line boundaries past 2,000 characters); pings nobody. */
  protected CompletableFuture<SentMessage> sendMessage(long channelId, String content) {
    return sendMessage(channelId, content, SendOptions.DEFAULT);
  }

  protected CompletableFuture<SentMessage> sendMessage(
      long channelId, String content, SendOptions options) {
    return context()
        .messaging()
        .submit(new DiscordRequest.SendMessage(channelId, content, options));
  }

  protected CompletableFuture<Void> editMessage(long channelId, long messageId, String content) {
    return editMessage(channelId, messageId, content, null);
  }

  /** Replaces content and/or embeds; pass null to keep a part as it is. */
  protected CompletableFuture<Void> editMessage(
      long channelId, long messageId, String content, List<Embed> embeds) {
    return context()
        .messaging()
        .submit(
            new DiscordRequest.EditMessage(channelId, messageId, content, embeds, Priority.NORMAL));
  }

  protected CompletableFuture<Void> deleteMessage(long channelId, long messageId) {
    return context()
        .messaging()
        .submit(new DiscordRequest.DeleteMessage(channelId, messageId, null));
  }

  /**
   * Up to {@code limit} messages, oldest first: after {@code afterMessageId} (exclusive) when
   * given, else the latest ones before {@code before} (or now).
   */
  protected CompletableFuture<List<HistoryMessage>> fetchChannelHistory(
      long channelId, int limit, Long afterMessageId, Instant before) {
    return context()
        .messaging()
        .submit(new DiscordRequest.FetchChannelHistory(channelId, limit, afterMessageId, before));
  }

  /**
   * As {@link #fetchChannelHistory(long, int, Long, Instant)} at {@code priority}: {@link
   * Priority#LOW} for background reads, which then wait behind what people wait for.
   */
  protected CompletableFuture<List<HistoryMessage>> fetchChannelHistory(
      long channelId, int limit, Long afterMessageId, Instant before, Priority priority) {
    return context()
        .messaging()
        .submit(
            new DiscordRequest.FetchChannelHistory(
                channelId, limit, afterMessageId, before, priority));
  }

  protected CompletableFuture<List<GuildEmoji>> fetchGuildEmojis(long guildId) {
    return fetchGuildEmojis(guildId, Priority.NORMAL);
  }

  /** A guild's custom emojis at {@code priority} ({@link Priority#LOW} for background reads). */
  protected CompletableFuture<List<GuildEmoji>> fetchGuildEmojis(long guildId, Priority priority) {
    return context().messaging().submit(new DiscordRequest.FetchGuildEmojis(guildId, priority));
  }

  protected CompletableFuture<BatchResult> batchUpdateMessages(
      long channelId, List<MessageUpdate> updates) {
    return context().messaging().submit(new DiscordRequest.BatchUpdateMessages(channelId, updates));
  }

  /** The guild's roles, highest first, with positions, permissions, colours and managed flags. */
  protected CompletableFuture<List<GuildRole>> listRoles(long guildId) {
    return context().messaging().submit(new DiscordRequest.ListRoles(guildId));
  }

  protected CompletableFuture<Void> addRole(long guildId, long userId, long roleId) {
    return addRole(guildId, userId, roleId, null);
  }

  /**
   * Gives a member a role, with {@code reason} in the server's audit log (say who asked). Fails
   * with a {@code DiscordRequestException}: 403 / 50013 for a role at or above the bot's highest, a
   * managed role or without Manage Roles; 404 / 10011 for an unknown role.
   */
  protected CompletableFuture<Void> addRole(long guildId, long userId, long roleId, String reason) {
    return context()
        .messaging()
        .submit(new DiscordRequest.AddRole(guildId, userId, roleId, reason));
  }

  protected CompletableFuture<Void> removeRole(long guildId, long userId, long roleId) {
    return removeRole(guildId, userId, roleId, null);
  }

  /**
   * Takes a role from a member, with {@code reason} in the audit log; fails as {@link #addRole}.
   */
  protected CompletableFuture<Void> removeRole(
      long guildId, long userId, long roleId, String reason) {
    return context()
        .messaging()
        .submit(new DiscordRequest.RemoveRole(guildId, userId, roleId, reason));
  }

  /** A member as Discord answers now: their roles; 404 / 10007 if they are not in the guild. */
  protected CompletableFuture<GuildMember> fetchMember(long guildId, long userId) {
    return context().messaging().submit(new DiscordRequest.FetchMember(guildId, userId));
  }

  /** The bot's own membership: its highest role bounds the roles it can give. */
  protected CompletableFuture<GuildMember> botMember(long guildId) {
    return fetchMember(guildId, DiscordRequest.FetchMember.BOT);
  }

  /** Everyone who has {@code roleId}, from Discord's member list. */
  protected CompletableFuture<List<GuildMember>> listRoleMembers(long guildId, long roleId) {
    return context().messaging().submit(new DiscordRequest.ListRoleMembers(guildId, roleId));
  }
}
