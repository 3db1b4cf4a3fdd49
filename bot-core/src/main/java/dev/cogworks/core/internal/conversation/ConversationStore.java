package dev.cogworks.core.internal.conversation;

import dev.cogworks.api.conversation.ConversationTurn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The conversation queue's tables: requests with their status, and each person's conversation per
 * server. Every method blocks on the database; the queue calls them off the event threads.
 */
public final class ConversationStore {
  /** What is kept of finished requests: long enough for a day's quota and for support questions. */
  static final java.time.Duration FINISHED_KEPT = java.time.Duration.ofDays(2);

  private final Jdbi jdbi;

  public ConversationStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Thrown when the person has an active request already (the database's unique index says so). */
  static final class AlreadyActive extends RuntimeException {
    AlreadyActive(Throwable cause) {
      super("the user has an active request", cause);
    }
  }

  /** Stores a new QUEUED request and returns its id; committed when this returns. */
  long insert(
      long userId,
      long guildId,
      long channelId,
      long originMessageId,
      String message,
      Instant createdAt) {
    try {
      return jdbi.withHandle(
          h ->
              h.createQuery(
                      "INSERT INTO conversation_request (user_id, guild_id, channel_id,"
                          + " origin_message_id, message, status, created_at) VALUES (?, ?, ?, ?,"
                          + " ?, 'QUEUED', ?) RETURNING id")
                  .bind(0, userId)
                  .bind(1, guildId)
                  .bind(2, channelId)
                  .bind(3, originMessageId)
                  .bind(4, message)
                  .bind(5, createdAt)
                  .mapTo(Long.class)
                  .one());
    } catch (UnableToExecuteStatementException e) {
      if (e.getCause() instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
        throw new AlreadyActive(e);
      }
      throw e;
    }
  }

  void setStatusMessage(long requestId, long messageId) {
    jdbi.useHandle(
        h ->
            h.execute(
                "UPDATE conversation_request SET status_message_id = ? WHERE id = ?",
                messageId,
                requestId));
  }

  /**
   * Marks the start of an answer: PROCESSING, one more attempt. False when the request is no longer
   * waiting in the database: withdrawn through another process of the bot (its person's data was
   * deleted there), so it is not to be answered.
   */
  boolean markProcessing(long requestId, Instant at) {
    return jdbi.withHandle(
            h ->
                h.execute(
                    "UPDATE conversation_request SET status = 'PROCESSING', started_at = ?,"
                        + " attempts = attempts + 1 WHERE id = ? AND status = 'QUEUED'",
                    at,
                    requestId))
        > 0;
  }

  /** Back to QUEUED, for a request whose answer was cut short by a restart. */
  void requeue(long requestId) {
    jdbi.useHandle(
        h ->
            h.execute(
                "UPDATE conversation_request SET status = 'QUEUED' WHERE id = ? AND status ="
                    + " 'PROCESSING'",
                requestId));
  }

  /**
   * Ends an active request; false when it had ended already (a cancel racing the answer), so only
   * one ending is told to its person.
   */
  boolean finish(
      ConversationRequest request,
      RequestStatus status,
      String outcome,
      Instant at,
      String answer) {
    return jdbi.inTransaction(
        h -> {
          boolean ended =
              h.createUpdate(
                          "UPDATE conversation_request SET status = :status, outcome = :outcome,"
                              + " finished_at = :at WHERE id = :id AND status IN ('QUEUED',"
                              + " 'PROCESSING')")
                      .bind("status", status.name())
                      .bind("outcome", outcome)
                      .bind("at", at)
                      .bind("id", request.id())
                      .execute()
                  > 0;
          if (ended && answer != null) {
            String insert =
                "INSERT INTO conversation_turn (user_id, guild_id, request_id, role, content,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?)";
            h.execute(
                insert,
                request.userId(),
                request.guildId(),
                request.id(),
                "USER",
                request.message(),
                request.createdAt());
            h.execute(
                insert, request.userId(), request.guildId(), request.id(), "ASSISTANT", answer, at);
          }
          return ended;
        });
  }

  /**
   * The requests that were waiting or being answered in the servers of {@code shards} (of {@code
   * total}; direct messages, guild 0, are shard 0's as on Discord), oldest first: what a restart
   * resumes. Another process's requests are its own, still queued in its memory.
   */
  List<ConversationRequest> loadActive(List<Integer> shards, int total) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, user_id, guild_id, channel_id, origin_message_id, message,"
                        + " created_at, status, status_message_id, attempts FROM"
                        + " conversation_request WHERE status IN ('QUEUED', 'PROCESSING') AND"
                        + " CAST((guild_id >> 22) % :total AS integer) = ANY(:shards) ORDER BY"
                        + " id")
                .bind("total", total)
                .bindArray("shards", Integer.class, shards)
                .map(
                    (rs, ctx) ->
                        new ConversationRequest(
                            rs.getLong("id"),
                            rs.getLong("user_id"),
                            rs.getLong("guild_id"),
                            rs.getLong("channel_id"),
                            rs.getLong("origin_message_id"),
                            rs.getString("message"),
                            rs.getTimestamp("created_at").toInstant(),
                            RequestStatus.valueOf(rs.getString("status")),
                            rs.getLong("status_message_id"),
                            rs.getInt("attempts")))
                .list());
  }

  /** Requests the person made on {@code day} (UTC) that reached, or may reach, the assistant. */
  int countOn(long userId, LocalDate day) {
    Instant from = day.atStartOfDay().toInstant(ZoneOffset.UTC);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) FROM conversation_request WHERE user_id = ? AND created_at >="
                        + " ? AND created_at < ? AND status NOT IN ('CANCELLED', 'EXPIRED')")
                .bind(0, userId)
                .bind(1, from)
                .bind(2, from.plus(java.time.Duration.ofDays(1)))
                .mapTo(Integer.class)
                .one());
  }

  /**
   * When the person's last answered request ended, in any server of any process: the cool-down
   * holds across processes and restarts.
   */
  Optional<Instant> lastFinished(long userId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT max(finished_at) FROM conversation_request WHERE user_id = ? AND"
                        + " status IN ('COMPLETED', 'FAILED')")
                .bind(0, userId)
                .mapTo(Instant.class)
                .findOne());
  }

  /** The last {@code limit} turns of the person's conversation in that server, oldest first. */
  List<ConversationTurn> history(long userId, long guildId, int limit) {
    if (limit == 0) {
      return List.of();
    }
    List<ConversationTurn> turns =
        new ArrayList<>(
            jdbi.withHandle(
                h ->
                    h.createQuery(
                            "SELECT role, content, created_at FROM conversation_turn WHERE"
                                + " user_id = ? AND guild_id = ? ORDER BY id DESC LIMIT ?")
                        .bind(0, userId)
                        .bind(1, guildId)
                        .bind(2, limit)
                        .map(
                            (rs, ctx) ->
                                new ConversationTurn(
                                    ConversationTurn.Role.valueOf(rs.getString("role")),
                                    rs.getString("content"),
                                    rs.getTimestamp("created_at").toInstant()))
                        .list()));
    Collections.reverse(turns);
    return turns;
  }

  /** Deletes the person's conversations (every server and DMs) and their finished requests. */
  long forgetUser(long userId) {
    return jdbi.inTransaction(
        h ->
            h.execute("DELETE FROM conversation_turn WHERE user_id = ?", userId)
                + h.execute(
                    "DELETE FROM conversation_request WHERE user_id = ? AND status NOT IN"
                        + " ('QUEUED', 'PROCESSING')",
                    userId));
  }

  /**
   * Deletes everything of the person's, their waiting question too (a person's data deletion): a
   * question waiting in another process of the bot is then not answered (see {@link
   * #markProcessing}).
   */
  long forgetUserEntirely(long userId) {
    return jdbi.inTransaction(
        h ->
            h.execute("DELETE FROM conversation_turn WHERE user_id = ?", userId)
                + h.execute("DELETE FROM conversation_request WHERE user_id = ?", userId));
  }

  /** Deletes the person's conversation in one server (or DMs). */
  long forgetConversation(long userId, long guildId) {
    return jdbi.withHandle(
        h ->
            h.execute(
                "DELETE FROM conversation_turn WHERE user_id = ? AND guild_id = ?",
                userId,
                guildId));
  }

  /** Deletes what was asked in a server the bot left (its retention passed). */
  long forgetServer(long guildId) {
    return jdbi.inTransaction(
        h ->
            h.execute("DELETE FROM conversation_turn WHERE guild_id = ?", guildId)
                + h.execute("DELETE FROM conversation_request WHERE guild_id = ?", guildId));
  }

  /** What the person has here: turns per server, for {@code mydata show}. */
  List<long[]> turnsPerScope(long userId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT guild_id, count(*) AS n FROM conversation_turn WHERE user_id = ? GROUP"
                        + " BY guild_id ORDER BY guild_id")
                .bind(0, userId)
                .map((rs, ctx) -> new long[] {rs.getLong("guild_id"), rs.getLong("n")})
                .list());
  }

  /** Drops finished requests older than {@link #FINISHED_KEPT}. */
  int pruneFinished(Instant now) {
    return jdbi.withHandle(
        h ->
            h.execute(
                "DELETE FROM conversation_request WHERE finished_at < ?",
                now.minus(FINISHED_KEPT)));
  }

  boolean paused() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT paused FROM conversation_state WHERE id = 1")
                .mapTo(Boolean.class)
                .one());
  }

  void setPaused(boolean paused) {
    jdbi.useHandle(h -> h.execute("UPDATE conversation_state SET paused = ? WHERE id = 1", paused));
  }
}
