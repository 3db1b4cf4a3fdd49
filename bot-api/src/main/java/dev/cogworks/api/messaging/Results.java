package dev.cogworks.api.messaging;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The results the messaging operations complete with. */
public final class Results {
  private Results() {}

  /** The messages a send created: one, or several when long content was split. */
  public record SentMessage(List<Long> ids) {
    public SentMessage {
      ids = List.copyOf(ids);
    }

    /** The first (usually only) message's id. */
    public long id() {
      return ids.get(0);
    }
  }

  /**
   * A message read from history, with the fields the seed design asks for.
   *
   * @param authorBot whether a bot or a webhook wrote it (a cog learning from people skips those)
   */
  public record HistoryMessage(
      long id,
      long authorId,
      String content,
      Instant createdAt,
      List<Embed> embeds,
      List<String> attachmentUrls,
      boolean authorBot) {
    public HistoryMessage {
      embeds = List.copyOf(embeds);
      attachmentUrls = List.copyOf(attachmentUrls);
    }

    /** A message a person wrote. */
    public HistoryMessage(
        long id,
        long authorId,
        String content,
        Instant createdAt,
        List<Embed> embeds,
        List<String> attachmentUrls) {
      this(id, authorId, content, createdAt, embeds, attachmentUrls, false);
    }
  }

  /** A custom emoji of a guild. */
  public record GuildEmoji(long id, String name, boolean animated, String url) {}

  /**
   * A guild role, highest position first when listed.
   *
   * @param position its place in the hierarchy: a member may only manage roles below their highest
   *     one, the bot too; {@code @everyone} is 0
   * @param managed whether an integration owns it (a bot's own role, a booster role): nobody can
   *     give or take it
   * @param permissions Discord's permission bit set
   * @param color the colour as 0xRRGGBB, 0 for none
   */
  public record GuildRole(
      long id, String name, int position, boolean managed, long permissions, int color) {
    public GuildRole(long id, String name, int position, boolean managed) {
      this(id, name, position, managed, 0, 0);
    }

    /** Whether this is the {@code @everyone} role, whose id is its guild's. */
    public boolean isEveryone(long guildId) {
      return id == guildId;
    }
  }

  /**
   * A member of a guild as Discord answers it now, not as a cache remembers it.
   *
   * @param roleIds the member's roles, without {@code @everyone}
   * @param owner whether they own the guild (the owner is above every role)
   */
  public record GuildMember(
      long userId, String name, boolean bot, List<Long> roleIds, boolean owner) {
    public GuildMember {
      roleIds = List.copyOf(roleIds);
    }
  }

  /** One update of a batch. */
  public record MessageUpdate(long messageId, String content) {}

  /**
   * What a batch update did, the same in every messaging mode.
   *
   * @param updated the updates that succeeded, each counted (a message updated twice counts twice)
   * @param failed how many messages an update failed for: the size of {@code failures}
   * @param failures each message an update failed for, in the order the updates were submitted,
   *     with the reason (the latest, if it failed more than once); iterated in that order
   */
  public record BatchResult(int updated, int failed, Map<Long, String> failures) {
    public BatchResult {
      failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }
  }
}
