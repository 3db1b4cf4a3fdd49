package dev.cogworks.markov;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The cog's tables. Every method blocks: call it on the cog's I/O pool. */
final class MarkovStore {
  /** A learned message as stored: cleaned tokens, joined by spaces. */
  record Learned(
      long messageId, long guildId, long channelId, long authorId, Instant createdAt, String text) {
    List<String> tokens() {
      return Arrays.asList(text.split(" "));
    }
  }

  /** A registered channel. */
  record ChannelRow(
      long channelId,
      long guildId,
      Long lastMessageId,
      Instant lastGatheredAt,
      boolean active,
      String stoppedReason,
      long messages) {}

  private final Jdbi jdbi;

  /**
   * The channels learning now, kept in step with the table, so that event threads can ask without a
   * query (a mention, a message to chime in after).
   */
  private final Set<Long> learning = java.util.concurrent.ConcurrentHashMap.newKeySet();

  MarkovStore(Jdbi jdbi) {
    this.jdbi = jdbi;
    learning.addAll(
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT channel_id FROM markov_channels WHERE active")
                    .mapTo(Long.class)
                    .list()));
  }

  // ---- channels ----

  /** Whether {@code channelId} is learning now; never blocks. */
  boolean learning(long channelId) {
    return learning.contains(channelId);
  }

  /** Registers (or re-activates) a channel; false when it was already learning. */
  boolean register(long guildId, long channelId) {
    boolean registered =
        jdbi.withHandle(
            h ->
                h.execute(
                        "INSERT INTO markov_channels (channel_id, guild_id) VALUES (?, ?)"
                            + " ON CONFLICT (channel_id) DO UPDATE SET active = TRUE,"
                            + " stopped_reason = NULL"
                            + " WHERE NOT markov_channels.active",
                        channelId,
                        guildId)
                    > 0);
    learning.add(channelId);
    return registered;
  }

  /** Stops learning in a channel, keeping what was learned; false when it was not learning. */
  boolean stop(long channelId, String reason) {
    learning.remove(channelId);
    return jdbi.withHandle(
        h ->
            h.execute(
                    "UPDATE markov_channels SET active = FALSE, stopped_reason = ?"
                        + " WHERE channel_id = ? AND active",
                    reason,
                    channelId)
                > 0);
  }

  List<ChannelRow> channels(Long guildId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT c.channel_id, c.guild_id, c.last_message_id, c.last_gathered_at,"
                        + " c.active, c.stopped_reason,"
                        + " (SELECT count(*) FROM markov_messages m"
                        + "   WHERE m.channel_id = c.channel_id) AS messages"
                        + " FROM markov_channels c"
                        + (guildId == null ? " WHERE :guild = 0" : " WHERE c.guild_id = :guild")
                        + " ORDER BY c.channel_id")
                .bind("guild", guildId == null ? 0L : guildId)
                .map(
                    (rs, ctx) ->
                        new ChannelRow(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getObject(3) == null ? null : rs.getLong(3),
                            rs.getObject(4, OffsetDateTime.class) == null
                                ? null
                                : rs.getObject(4, OffsetDateTime.class).toInstant(),
                            rs.getBoolean(5),
                            rs.getString(6),
                            rs.getLong(7)))
                .list());
  }

  // ---- messages ----

  /**
   * Stores newly read messages and moves the channel's read position to {@code lastMessageId} in
   * one transaction; returns the messages actually stored (not already there, author not opted
   * out), which the caller then learns.
   */
  List<Learned> store(long channelId, List<Learned> messages, long lastMessageId) {
    return jdbi.inTransaction(
        h -> {
          List<Learned> kept = insert(h, messages);
          h.execute(
              "UPDATE markov_channels SET last_message_id = GREATEST(COALESCE(last_message_id, 0),"
                  + " ?), last_gathered_at = now() WHERE channel_id = ?",
              lastMessageId,
              channelId);
          return kept;
        });
  }

  /** Inserts with one statement per batch; skips opted-out authors and rows already stored. */
  static List<Learned> insert(Handle h, List<Learned> messages) {
    if (messages.isEmpty()) {
      return List.of();
    }
    int n = messages.size();
    Long[] ids = new Long[n];
    Long[] guilds = new Long[n];
    Long[] channels = new Long[n];
    Long[] authors = new Long[n];
    Long[] created = new Long[n]; // epoch microseconds: Jdbi binds arrays of numbers natively
    String[] texts = new String[n];
    for (int i = 0; i < n; i++) {
      Learned m = messages.get(i);
      ids[i] = m.messageId();
      guilds[i] = m.guildId();
      channels[i] = m.channelId();
      authors[i] = m.authorId();
      created[i] = m.createdAt().getEpochSecond() * 1_000_000 + m.createdAt().getNano() / 1_000;
      texts[i] = m.text();
    }
    Set<Long> inserted =
        new HashSet<>(
            h.createQuery(
                    "INSERT INTO markov_messages"
                        + " (message_id, guild_id, channel_id, author_id, created_at, tokens)"
                        + " SELECT u.message_id, u.guild_id, u.channel_id, u.author_id,"
                        + " to_timestamp(u.created_us / 1000000.0), u.tokens"
                        + " FROM unnest(:ids, :guilds, :channels, :authors, :created, :texts)"
                        + " AS u(message_id, guild_id, channel_id, author_id, created_us, tokens)"
                        + " WHERE NOT EXISTS (SELECT 1 FROM markov_opt_outs o"
                        + " WHERE o.guild_id = u.guild_id AND o.user_id = u.author_id)"
                        + " ON CONFLICT (message_id) DO NOTHING RETURNING message_id")
                .bindArray("ids", Long.class, (Object[]) ids)
                .bindArray("guilds", Long.class, (Object[]) guilds)
                .bindArray("channels", Long.class, (Object[]) channels)
                .bindArray("authors", Long.class, (Object[]) authors)
                .bindArray("created", Long.class, (Object[]) created)
                .bindArray("texts", String.class, (Object[]) texts)
                .mapTo(Long.class)
                .list());
    List<Learned> kept = new ArrayList<>();
    for (Learned m : messages) {
      if (inserted.contains(m.messageId())) {
        kept.add(m);
      }
    }
    return kept;
  }

  /** One server's stored messages, in pages, to build its model again. */
  void forEachIn(long guildId, Consumer<Learned> each) {
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT * FROM markov_messages WHERE guild_id = ?")
                .bind(0, guildId)
                .setFetchSize(10_000)
                .map(MarkovStore::learned)
                .forEach(each));
  }

  /** Records that a person's data was deleted through this process; its row's id. */
  long recordDeletion() {
    return jdbi.withHandle(
        h ->
            h.createQuery("INSERT INTO markov_deletions DEFAULT VALUES RETURNING id")
                .mapTo(Long.class)
                .one());
  }

  /** The newest deletion's id, 0 when none. */
  long lastDeletion() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COALESCE(max(id), 0) FROM markov_deletions")
                .mapTo(Long.class)
                .one());
  }

  /** The ids of deletions after {@code id}, oldest first. */
  List<Long> deletionsAfter(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT id FROM markov_deletions WHERE id > ? ORDER BY id")
                .bind(0, id)
                .mapTo(Long.class)
                .list());
  }

  void pruneDeletions(OffsetDateTime before) {
    jdbi.useHandle(h -> h.execute("DELETE FROM markov_deletions WHERE deleted_at < ?", before));
  }

  /** Every stored message, in pages, to build the models at start. */
  void forEach(Consumer<Learned> each) {
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT * FROM markov_messages")
                .setFetchSize(10_000)
                .map(MarkovStore::learned)
                .forEach(each));
  }

  Optional<Learned> message(long messageId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM markov_messages WHERE message_id = ?")
                .bind(0, messageId)
                .map(MarkovStore::learned)
                .findOne());
  }

  /** A channel's {@code limit} newest stored messages, newest first. */
  List<Learned> newest(long channelId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM markov_messages WHERE channel_id = ?"
                        + " ORDER BY message_id DESC LIMIT ?")
                .bind(0, channelId)
                .bind(1, limit)
                .map(MarkovStore::learned)
                .list());
  }

  /** Replaces an edited message's tokens; returns the old row, if it was stored. */
  Optional<Learned> replace(long messageId, String text) {
    return jdbi.inTransaction(
        h -> {
          Optional<Learned> old =
              h.createQuery("SELECT * FROM markov_messages WHERE message_id = ? FOR UPDATE")
                  .bind(0, messageId)
                  .map(MarkovStore::learned)
                  .findOne();
          old.ifPresent(
              o ->
                  h.execute(
                      "UPDATE markov_messages SET tokens = ? WHERE message_id = ?",
                      text,
                      messageId));
          return old;
        });
  }

  /** The servers holding rows a WHERE clause picks. */
  List<Long> serversWhere(String where, Object... args) {
    return jdbi.withHandle(
        h -> {
          var query = h.createQuery("SELECT DISTINCT guild_id FROM markov_messages WHERE " + where);
          for (int i = 0; i < args.length; i++) {
            query.bind(i, args[i]);
          }
          return query.mapTo(Long.class).list();
        });
  }

  /** Deletes the rows a WHERE clause picks and returns them, so the model forgets exactly these. */
  List<Learned> deleteWhere(String where, Object... args) {
    return jdbi.withHandle(
        h -> {
          var query = h.createQuery("DELETE FROM markov_messages WHERE " + where + " RETURNING *");
          for (int i = 0; i < args.length; i++) {
            query.bind(i, args[i]);
          }
          return query.map(MarkovStore::learned).list();
        });
  }

  void deleteChannel(long channelId) {
    learning.remove(channelId);
    jdbi.useHandle(h -> h.execute("DELETE FROM markov_channels WHERE channel_id = ?", channelId));
  }

  void deleteServer(long guildId) {
    jdbi.useTransaction(
        h -> {
          h.createQuery("DELETE FROM markov_channels WHERE guild_id = ? RETURNING channel_id")
              .bind(0, guildId)
              .mapTo(Long.class)
              .forEach(learning::remove);
          h.execute("DELETE FROM markov_opt_outs WHERE guild_id = ?", guildId);
          h.execute("DELETE FROM markov_blocklist WHERE guild_id = ?", guildId);
        });
  }

  // ---- people and words ----

  boolean setOptOut(long guildId, long userId, boolean out) {
    return jdbi.withHandle(
        h ->
            out
                ? h.execute(
                        "INSERT INTO markov_opt_outs VALUES (?, ?) ON CONFLICT DO NOTHING",
                        guildId,
                        userId)
                    > 0
                : h.execute(
                        "DELETE FROM markov_opt_outs WHERE guild_id = ? AND user_id = ?",
                        guildId,
                        userId)
                    > 0);
  }

  /** Per server, how many messages of {@code userId} are stored. */
  List<long[]> countsByServer(long userId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT guild_id, count(*) FROM markov_messages WHERE author_id = ?"
                        + " GROUP BY guild_id")
                .bind(0, userId)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list());
  }

  long optOuts(long userId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT count(*) FROM markov_opt_outs WHERE user_id = ?")
                .bind(0, userId)
                .mapTo(Long.class)
                .one());
  }

  boolean block(long guildId, String word, boolean add) {
    return jdbi.withHandle(
        h ->
            add
                ? h.execute(
                        "INSERT INTO markov_blocklist VALUES (?, ?) ON CONFLICT DO NOTHING",
                        guildId,
                        word)
                    > 0
                : h.execute(
                        "DELETE FROM markov_blocklist WHERE guild_id = ? AND word = ?",
                        guildId,
                        word)
                    > 0);
  }

  /** Every server's blocked words, to hold in memory. */
  void forEachBlocked(java.util.function.BiConsumer<Long, String> each) {
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT guild_id, word FROM markov_blocklist")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> each.accept(e.getKey(), e.getValue())));
  }

  /** Messages stored in a server, and the oldest one's time. */
  record ServerCounts(long messages, Instant oldest) {}

  ServerCounts counts(long guildId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*), min(created_at) FROM markov_messages WHERE guild_id = ?")
                .bind(0, guildId)
                .map(
                    (rs, ctx) ->
                        new ServerCounts(
                            rs.getLong(1),
                            rs.getObject(2, OffsetDateTime.class) == null
                                ? null
                                : rs.getObject(2, OffsetDateTime.class).toInstant()))
                .one());
  }

  private static Learned learned(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Learned(
        rs.getLong("message_id"),
        rs.getLong("guild_id"),
        rs.getLong("channel_id"),
        rs.getLong("author_id"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getString("tokens"));
  }
}
