package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.source.AudioSourceManager;
import java.util.List;

/**
 * A plug-in point for more places to play from (YouTube, SoundCloud…): a jar in {@code plugins/}
 * lists its implementation in {@code META-INF/services/dev.cogworks.music.MusicSources}, and the
 * music cog registers its LavaPlayer source managers at start, before its own HTTP source (so they
 * claim their sites' URLs first). A query that is no URL and matches nothing in the library is
 * offered to them as typed (e.g. {@code ytsearch:rain}).
 */
public interface MusicSources {
  /** The source managers to register; called once at start. */
  List<AudioSourceManager> sourceManagers();
}
