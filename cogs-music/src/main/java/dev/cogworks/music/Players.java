package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.player.AudioPlayerManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongToIntFunction;

/**
 * The servers' live players: one per server, made on first use at the server's default volume,
 * dropped when its music stops.
 */
final class Players {
  private final Map<Long, GuildPlayer> byGuild = new ConcurrentHashMap<>();
  private final AudioPlayerManager manager;
  private final MusicConfig config;
  private final GuildPlayer.Events events;
  private final LongToIntFunction defaultVolume;

  Players(
      AudioPlayerManager manager,
      MusicConfig config,
      GuildPlayer.Events events,
      LongToIntFunction defaultVolume) {
    this.manager = manager;
    this.config = config;
    this.events = events;
    this.defaultVolume = defaultVolume;
  }

  Optional<GuildPlayer> get(long guildId) {
    return Optional.ofNullable(byGuild.get(guildId));
  }

  GuildPlayer getOrCreate(long guildId) {
    return byGuild.computeIfAbsent(
        guildId,
        id -> {
          GuildPlayer player =
              new GuildPlayer(
                  id,
                  manager.createPlayer(),
                  new TrackQueue(config.queueMax(), config.perUserMax()),
                  events);
          player.volume(defaultVolume.applyAsInt(id));
          return player;
        });
  }

  Optional<GuildPlayer> remove(long guildId) {
    return Optional.ofNullable(byGuild.remove(guildId));
  }

  List<GuildPlayer> all() {
    return List.copyOf(byGuild.values());
  }

  void clear() {
    byGuild.clear();
  }
}
