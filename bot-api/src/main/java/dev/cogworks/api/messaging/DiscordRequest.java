package dev.cogworks.api.messaging;

import dev.cogworks.api.messaging.Results.BatchResult;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import dev.cogworks.api.messaging.Results.SentMessage;
import java.time.Instant;
import java.util.List;

/**
 * Everything a cog can ask of Discord, as data: a closed family of records, each naming its wire
 * action and its route key (the channel or guild whose requests must stay in order). Every
 * messaging mode carries these same records to the same executor.
 *
 * @param <R> what the request completes with
 */
public sealed interface DiscordRequest<R> {
  /** The action's name in the wire schema, e.g. {@code send_message}. */
  String action();

  /** The channel or guild id requests are ordered by. */
  long routeKey();

  default Priority priority() {
    return Priority.NORMAL;
  }

  record SendMessage(long channelId, String content, SendOptions options)
      implements DiscordRequest<SentMessage> {
    public SendMessage {
      content = content == null ? "" : content;
      options = options == null ? SendOptions.DEFAULT : options;
    }

    public String action() {
      return "send_message";
    }

    public long routeKey() {
      return channelId;
    }

    public Priority priority() {
      return options.priority();
    }
  }

  /** Replaces the content and/or the embeds; a null part is left as it is. */
  record EditMessage(
      long channelId, long messageId, String content, List<Embed> embeds, Priority priority)
      implements DiscordRequest<Void> {
    public EditMessage {
      embeds = embeds == null ? null : List.copyOf(embeds);
      priority = priority == null ? Priority.NORMAL : priority;
    }

    public String action() {
      return "edit_message";
    }

    public long routeKey() {
      return channelId;
    }
  }

  record DeleteMessage(long channelId, long messageId, Priority priority)
      implements DiscordRequest<Void> {
    public DeleteMessage {
      priority = priority == null ? Priority.NORMAL : priority;
    }

    public String action() {
      return "delete_message";
    }

    public long routeKey() {
      return channelId;
    }
  }

  /**
   * Up to {@code limit} messages (any number; paged by 100), after {@code afterMessageId} and
   * before {@code before} when given, oldest first.
   */
  record FetchHistory(long channelId, int limit, Long afterMessageId, Instant before)
      implements DiscordRequest<List<HistoryMessage>> {
    public FetchHistory {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, was " + limit);
      }
    }

    public String action() {
      return "fetch_channel_history";
    }

    public long routeKey() {
      return channelId;
    }
  }

  record FetchEmojis(long guildId) implements DiscordRequest<List<GuildEmoji>> {
    public String action() {
      return "fetch_guild_emojis";
    }

    public long routeKey() {
      return guildId;
    }
  }

  record BatchUpdateMessages(long channelId, List<MessageUpdate> updates)
      implements DiscordRequest<BatchResult> {
    public BatchUpdateMessages {
      updates = List.copyOf(updates);
    }

    public String action() {
      return "batch_update_messages";
    }

    public long routeKey() {
      return channelId;
    }
  }

  record ListRoles(long guildId) implements DiscordRequest<List<GuildRole>> {
    public String action() {
      return "list_roles";
    }

    public long routeKey() {
      return guildId;
    }
  }

  record AddRole(long guildId, long userId, long roleId) implements DiscordRequest<Void> {
    public String action() {
      return "add_role";
    }

    public long routeKey() {
      return guildId;
    }
  }

  record RemoveRole(long guildId, long userId, long roleId) implements DiscordRequest<Void> {
    public String action() {
      return "remove_role";
    }

    public long routeKey() {
      return guildId;
    }
  }
}
