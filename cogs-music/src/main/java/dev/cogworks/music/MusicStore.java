package dev.cogworks.music;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The music_* tables: history, playlists and each server's player state. Every method blocks; call
 * it on the cog's I/O pool.
 */
final class MusicStore {
  /** A saved playlist's name, owner and number of tracks. */
  record PlaylistInfo(long id, String name, long ownerId, int size) {}

  /** A player as saved: where, how, and its tracks (index 0 the one playing, if any). */
  record State(
      long guildId,
      Long voiceChannelId,
      long textChannelId,
      long positionMs,
      int volume,
      RepeatMode repeat,
      boolean paused,
      boolean playing,
      List<Song> songs) {}

  private final Jdbi jdbi;

  MusicStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  // ---- history ----

  void played(long guildId, Song song) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO music_history (guild_id, user_id, source, title, length_ms)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .bind(0, guildId)
                .bind(1, song.requester())
                .bind(2, song.source())
                .bind(3, song.title())
                .bind(4, song.lengthMs())
                .execute());
  }

  /** The server's last plays, newest first. */
  List<Song> history(long guildId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT source, title, length_ms, user_id FROM music_history WHERE guild_id = ?"
                        + " ORDER BY played_at DESC, id DESC LIMIT ?")
                .bind(0, guildId)
                .bind(1, limit)
                .map(
                    (rs, ctx) ->
                        new Song(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list());
  }

  /** Distinct songs of the server's history, most recent play first. */
  List<Song> distinctHistory(long guildId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT source, max(title), max(length_ms), max(played_at) AS last"
                        + " FROM music_history WHERE guild_id = ? GROUP BY source"
                        + " ORDER BY last DESC LIMIT ?")
                .bind(0, guildId)
                .bind(1, limit)
                .map((rs, ctx) -> new Song(rs.getString(1), rs.getString(2), rs.getLong(3), 0))
                .list());
  }

  // ---- playlists ----

  /** Creates a playlist; false when the server has one of that name. */
  boolean createPlaylist(long guildId, String name, long owner) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO music_playlist (guild_id, name, owner_id) VALUES (?, ?, ?)"
                            + " ON CONFLICT DO NOTHING")
                    .bind(0, guildId)
                    .bind(1, name)
                    .bind(2, owner)
                    .execute())
        == 1;
  }

  Optional<PlaylistInfo> playlist(long guildId, String name) {
    return jdbi.withHandle(h -> playlist(h, guildId, name));
  }

  private static Optional<PlaylistInfo> playlist(Handle h, long guildId, String name) {
    return h.createQuery(
            "SELECT p.id, p.name, p.owner_id, (SELECT count(*) FROM music_playlist_item i WHERE"
                + " i.playlist_id = p.id) FROM music_playlist p WHERE guild_id = ? AND lower(name) ="
                + " lower(?)")
        .bind(0, guildId)
        .bind(1, name)
        .map(
            (rs, ctx) ->
                new PlaylistInfo(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4)))
        .findOne();
  }

  List<PlaylistInfo> playlists(long guildId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT p.id, p.name, p.owner_id, (SELECT count(*) FROM music_playlist_item i"
                        + " WHERE i.playlist_id = p.id) FROM music_playlist p WHERE guild_id = ?"
                        + " ORDER BY lower(name)")
                .bind(0, guildId)
                .map(
                    (rs, ctx) ->
                        new PlaylistInfo(
                            rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4)))
                .list());
  }

  List<Song> items(long playlistId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT source, title, length_ms, added_by FROM music_playlist_item"
                        + " WHERE playlist_id = ? ORDER BY position")
                .bind(0, playlistId)
                .map(
                    (rs, ctx) ->
                        new Song(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list());
  }

  /** Appends songs, up to {@code max} items in the playlist; how many were added. */
  int addItems(long playlistId, List<Song> songs, int max) {
    return jdbi.inTransaction(
        h -> {
          int next =
              h.createQuery(
                      "SELECT coalesce(max(position), 0) FROM music_playlist_item WHERE playlist_id = ?")
                  .bind(0, playlistId)
                  .mapTo(Integer.class)
                  .one();
          int added = 0;
          for (Song song : songs) {
            if (next >= max) {
              break;
            }
            next++;
            h.createUpdate(
                    "INSERT INTO music_playlist_item (playlist_id, position, source, title,"
                        + " length_ms, added_by) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, playlistId)
                .bind(1, next)
                .bind(2, song.source())
                .bind(3, song.title())
                .bind(4, song.lengthMs())
                .bind(5, song.requester())
                .execute();
            added++;
          }
          return added;
        });
  }

  /** Removes the item at a 1-based position, closing the gap; false if there is none. */
  boolean removeItem(long playlistId, int position) {
    return jdbi.inTransaction(
        h -> {
          int removed =
              h.createUpdate(
                      "DELETE FROM music_playlist_item WHERE playlist_id = ? AND position = ?")
                  .bind(0, playlistId)
                  .bind(1, position)
                  .execute();
          if (removed == 1) {
            renumber(h, playlistId);
          }
          return removed == 1;
        });
  }

  private static void renumber(Handle h, long playlistId) {
    // Two steps, so the primary key never sees two items at one position.
    h.createUpdate("UPDATE music_playlist_item SET position = -position WHERE playlist_id = ?")
        .bind(0, playlistId)
        .execute();
    h.createUpdate(
            "UPDATE music_playlist_item i SET position = n.rn FROM (SELECT position AS p,"
                + " row_number() OVER (ORDER BY position DESC) AS rn FROM music_playlist_item WHERE"
                + " playlist_id = ?) n WHERE i.playlist_id = ? AND i.position = n.p")
        .bind(0, playlistId)
        .bind(1, playlistId)
        .execute();
  }

  boolean renamePlaylist(long id, long guildId, String name) {
    return jdbi.withHandle(
        h -> {
          if (playlist(h, guildId, name).isPresent()) {
            return false;
          }
          return h.createUpdate("UPDATE music_playlist SET name = ? WHERE id = ?")
                  .bind(0, name)
                  .bind(1, id)
                  .execute()
              == 1;
        });
  }

  void deletePlaylist(long id) {
    jdbi.useHandle(
        h -> h.createUpdate("DELETE FROM music_playlist WHERE id = ?").bind(0, id).execute());
  }

  // ---- player state ----

  void save(State state) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate("DELETE FROM music_state WHERE guild_id = ?")
              .bind(0, state.guildId())
              .execute();
          h.createUpdate(
                  "INSERT INTO music_state (guild_id, voice_channel_id, text_channel_id,"
                      + " position_ms, volume, repeat, paused) VALUES (?, ?, ?, ?, ?, ?, ?)")
              .bind(0, state.guildId())
              .bind(1, state.playing() ? state.voiceChannelId() : null)
              .bind(2, state.textChannelId())
              .bind(3, state.positionMs())
              .bind(4, state.volume())
              .bind(5, state.repeat().name())
              .bind(6, state.paused())
              .execute();
          int idx = state.playing() ? 0 : 1;
          for (Song song : state.songs()) {
            h.createUpdate(
                    "INSERT INTO music_state_track (guild_id, idx, source, title, length_ms,"
                        + " requester_id) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, state.guildId())
                .bind(1, idx++)
                .bind(2, song.source())
                .bind(3, song.title())
                .bind(4, song.lengthMs())
                .bind(5, song.requester())
                .execute();
          }
        });
  }

  void forget(long guildId) {
    jdbi.useHandle(
        h ->
            h.createUpdate("DELETE FROM music_state WHERE guild_id = ?")
                .bind(0, guildId)
                .execute());
  }

  Optional<State> state(long guildId) {
    return jdbi.withHandle(
        h -> {
          var row =
              h.createQuery(
                      "SELECT voice_channel_id, text_channel_id, position_ms, volume, repeat, paused"
                          + " FROM music_state WHERE guild_id = ?")
                  .bind(0, guildId)
                  .map(
                      (rs, ctx) ->
                          new Object[] {
                            rs.getObject(1, Long.class),
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getInt(4),
                            rs.getString(5),
                            rs.getBoolean(6)
                          })
                  .findOne();
          if (row.isEmpty()) {
            return Optional.<State>empty();
          }
          Object[] r = row.get();
          List<Object[]> tracks =
              h.createQuery(
                      "SELECT idx, source, title, length_ms, requester_id FROM music_state_track"
                          + " WHERE guild_id = ? ORDER BY idx")
                  .bind(0, guildId)
                  .map(
                      (rs, ctx) ->
                          new Object[] {
                            rs.getInt(1),
                            new Song(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5))
                          })
                  .list();
          boolean playing = !tracks.isEmpty() && (int) tracks.get(0)[0] == 0 && r[0] != null;
          return Optional.of(
              new State(
                  guildId,
                  (Long) r[0],
                  (long) r[1],
                  (long) r[2],
                  (int) r[3],
                  RepeatMode.valueOf((String) r[4]),
                  (boolean) r[5],
                  playing,
                  tracks.stream().map(t -> (Song) t[1]).toList()));
        });
  }

  // ---- people's and servers' data ----

  List<String> describe(long userId) {
    return jdbi.withHandle(
        h -> {
          long plays =
              h.createQuery("SELECT count(*) FROM music_history WHERE user_id = ?")
                  .bind(0, userId)
                  .mapTo(Long.class)
                  .one();
          long owned =
              h.createQuery("SELECT count(*) FROM music_playlist WHERE owner_id = ?")
                  .bind(0, userId)
                  .mapTo(Long.class)
                  .one();
          long items =
              h.createQuery("SELECT count(*) FROM music_playlist_item WHERE added_by = ?")
                  .bind(0, userId)
                  .mapTo(Long.class)
                  .one();
          if (plays + owned + items == 0) {
            return List.<String>of();
          }
          return List.of(
              plays + " track(s) you asked for in the play history",
              owned + " playlist(s) you created, " + items + " playlist track(s) you added");
        });
  }

  long deleteUser(long userId) {
    return jdbi.inTransaction(
        h -> {
          long n =
              h.createUpdate("DELETE FROM music_history WHERE user_id = ?")
                  .bind(0, userId)
                  .execute();
          n +=
              h.createUpdate("DELETE FROM music_playlist WHERE owner_id = ?")
                  .bind(0, userId)
                  .execute();
          List<Long> touched =
              h.createQuery(
                      "SELECT DISTINCT playlist_id FROM music_playlist_item WHERE added_by = ?")
                  .bind(0, userId)
                  .mapTo(Long.class)
                  .list();
          n +=
              h.createUpdate("DELETE FROM music_playlist_item WHERE added_by = ?")
                  .bind(0, userId)
                  .execute();
          touched.forEach(id -> renumber(h, id));
          n +=
              h.createUpdate("DELETE FROM music_state_track WHERE requester_id = ?")
                  .bind(0, userId)
                  .execute();
          return n;
        });
  }

  void deleteServer(long guildId) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate("DELETE FROM music_history WHERE guild_id = ?").bind(0, guildId).execute();
          h.createUpdate("DELETE FROM music_playlist WHERE guild_id = ?")
              .bind(0, guildId)
              .execute();
          h.createUpdate("DELETE FROM music_state WHERE guild_id = ?").bind(0, guildId).execute();
        });
  }
}
