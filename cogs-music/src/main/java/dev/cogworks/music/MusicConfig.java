package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.track.AudioTrack;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The cog's config block, read once; an error names the key and what is allowed. */
record MusicConfig(
    Path libraryDir,
    int queueMax,
    double userShare,
    Duration maxTrackLength,
    Duration idleTimeout,
    double voteShare,
    List<String> allowHosts,
    List<String> denyHosts,
    List<String> allowPrivateHosts,
    int maxPlaylistBytes) {

  static MusicConfig from(Config c) {
    int queueMax = c.getInt("queue_max");
    if (queueMax < 1 || queueMax > 10_000) {
      throw new IllegalArgumentException("music.queue_max = " + queueMax + ": allowed 1 to 10000");
    }
    return new MusicConfig(
        Path.of(c.getString("library_dir")),
        queueMax,
        share(c, "user_share"),
        positive(c, "max_track_length"),
        positive(c, "idle_timeout"),
        share(c, "vote_share"),
        lower(c.getStringList("http.allow_hosts")),
        lower(c.getStringList("http.deny_hosts")),
        lower(c.getStringList("http.allow_private_hosts")),
        c.getInt("http.max_playlist_bytes"));
  }

  /** Why a loaded track may not be queued, if it may not: longer than {@code max_track_length}. */
  Optional<String> tooLong(AudioTrack track) {
    if (!track.getInfo().isStream && track.getDuration() > maxTrackLength.toMillis()) {
      return Optional.of(
          "longer than " + Times.format(maxTrackLength.toMillis()) + ", this bot's limit");
    }
    return Optional.empty();
  }

  /** How many of the queue's tracks one person may have waiting. */
  int perUserMax() {
    return Math.max(1, (int) Math.floor(queueMax * userShare));
  }

  private static double share(Config c, String key) {
    double value = c.getDouble(key);
    if (value <= 0 || value > 1) {
      throw new IllegalArgumentException(
          "music." + key + " = " + value + ": allowed more than 0, at most 1");
    }
    return value;
  }

  private static Duration positive(Config c, String key) {
    Duration value = c.getDuration(key);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("music." + key + " = " + value + ": must be positive");
    }
    return value;
  }

  private static List<String> lower(List<String> hosts) {
    return hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }
}
