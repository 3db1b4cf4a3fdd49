package dev.cogworks.markov;

import dev.cogworks.markov.MarkovStore.Learned;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store and the models kept in step: whatever is stored is learned, whatever is deleted is
 * forgotten, one server at a time (a server's changes hold its lock across the transaction and the
 * model's update, so a forget never meets a message half learned). Every method blocks.
 */
final class LearnedText {
  private final MarkovStore store;
  private final int order;
  private final Map<Long, GuildModel> models = new ConcurrentHashMap<>();
  private final Map<Long, Object> locks = new ConcurrentHashMap<>();

  LearnedText(MarkovStore store, int order) {
    this.store = store;
    this.order = order;
  }

  MarkovStore store() {
    return store;
  }

  /** Builds every server's model from the store (at start). */
  void loadAll() {
    store.forEach(m -> model(m.guildId()).learn(m.channelId(), m.tokens()));
  }

  GuildModel model(long guildId) {
    return models.computeIfAbsent(guildId, g -> new GuildModel(order));
  }

  /** Stores messages read from a channel (and its new read position), then learns them. */
  int ingest(long guildId, long channelId, List<Learned> messages, long lastMessageId) {
    synchronized (lock(guildId)) {
      List<Learned> kept = store.store(channelId, messages, lastMessageId);
      GuildModel model = model(guildId);
      kept.forEach(m -> model.learn(m.channelId(), m.tokens()));
      return kept.size();
    }
  }

  /** Deletes the stored messages {@code where} picks in one server, and forgets them. */
  int forget(long guildId, String where, Object... args) {
    synchronized (lock(guildId)) {
      List<Learned> gone = store.deleteWhere(where, args);
      GuildModel model = model(guildId);
      gone.forEach(m -> model.forget(m.channelId(), m.tokens()));
      return gone.size();
    }
  }

  /** Relearns an edited message (forgets it when nothing worth learning is left). */
  void replace(long guildId, long messageId, List<String> tokens) {
    synchronized (lock(guildId)) {
      if (tokens.isEmpty()) {
        forgetInAnyServer("message_id = ?", messageId);
        return;
      }
      store
          .replace(messageId, String.join(" ", tokens))
          .ifPresent(
              old -> {
                GuildModel model = model(old.guildId());
                model.forget(old.channelId(), old.tokens());
                model.learn(old.channelId(), tokens);
              });
    }
  }

  /**
   * As {@link #forget}, across servers (a person's data, a deleted message): the rows go from every
   * server in the database, also those this process has no model of (servers of another shard's
   * process, or learned since this one started); the models this process has forget them. Each
   * server's rows are deleted and forgotten under its lock, so a model rebuilt from the store
   * meanwhile (after a deletion made by another process) is never made to forget a row it does not
   * hold. Servers are looked up again until none has rows left: one where such a row was stored
   * after the look-up is not missed.
   */
  long forgetInAnyServer(String where, Object... args) {
    long total = 0;
    for (int round = 0; round < 3; round++) {
      List<Long> servers = store.serversWhere(where, args);
      if (servers.isEmpty()) {
        break;
      }
      for (long guildId : servers) {
        synchronized (lock(guildId)) {
          List<Learned> gone =
              store.deleteWhere("guild_id = " + guildId + " AND (" + where + ")", args);
          GuildModel model = models.get(guildId);
          if (model != null) {
            gone.forEach(m -> model.forget(m.channelId(), m.tokens()));
          }
          total += gone.size();
        }
      }
    }
    return total;
  }

  /**
   * As {@link #forget}, in each server {@code served} accepts of those with a model here: what a
   * process prunes is its own shards' servers alone, since another process's models would keep what
   * this one deleted under them.
   */
  long forgetInServers(java.util.function.LongPredicate served, String where, Object... args) {
    long total = 0;
    for (long guildId : models.keySet()) {
      if (served.test(guildId)) {
        total += forget(guildId, "guild_id = " + guildId + " AND " + where, args);
      }
    }
    return total;
  }

  /**
   * Builds again, from the store, the model of each server {@code served} accepts of those with a
   * model here: after another process deleted rows under them (a person's data).
   */
  void rebuild(java.util.function.LongPredicate served) {
    for (long guildId : models.keySet()) {
      if (served.test(guildId)) {
        synchronized (lock(guildId)) {
          GuildModel fresh = new GuildModel(order);
          store.forEachIn(guildId, m -> fresh.learn(m.channelId(), m.tokens()));
          models.put(guildId, fresh);
        }
      }
    }
  }

  /** Forgets a whole server: store rows, channels, opt-outs, blocklist and model. */
  void dropServer(long guildId) {
    synchronized (lock(guildId)) {
      store.deleteWhere("guild_id = ?", guildId);
      store.deleteServer(guildId);
      models.remove(guildId);
    }
  }

  private Object lock(long guildId) {
    return locks.computeIfAbsent(guildId, g -> new Object());
  }
}
