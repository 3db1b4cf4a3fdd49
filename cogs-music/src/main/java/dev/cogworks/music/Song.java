package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.track.AudioTrack;

/**
 * A track as the cog keeps it: where it comes from ({@code library:<path>}, a URL, or a plugin
 * source's identifier), its title and length, and who asked for it. Enough to load it again after a
 * restart, or from a playlist or the history.
 */
record Song(String source, String title, long lengthMs, long requester) {
  /**
   * The song a loaded track is: a library file by its title, else the track's title or the last
   * part of its URL; kept by the URL it was finally loaded from (after redirects).
   */
  static Song of(String source, AudioTrack track, long requester) {
    String title = track.getInfo().title;
    if (source.startsWith(Loader.LIBRARY)) {
      title = Library.title(source.substring(Loader.LIBRARY.length()));
    } else if (title == null || title.isBlank() || title.equals("Unknown title")) {
      String uri = track.getInfo().uri != null ? track.getInfo().uri : source;
      title = lastSegment(uri);
    }
    String kept = source;
    if (!source.startsWith(Loader.LIBRARY)
        && track.getInfo().uri != null
        && !source.equals(track.getInfo().uri)) {
      kept = track.getInfo().uri;
    }
    return new Song(kept, title, track.getInfo().isStream ? -1 : track.getDuration(), requester);
  }

  /**
   * The URL's last path segment as a person reads it: {@code Slow%20River.wav} is {@code Slow
   * River.wav} (a path's {@code +} stays a plus, unlike form decoding).
   */
  static String lastSegment(String url) {
    String raw = url.substring(url.lastIndexOf('/') + 1);
    try {
      String path = java.net.URI.create(url).getPath();
      if (path != null && !path.isEmpty() && !path.endsWith("/")) {
        return path.substring(path.lastIndexOf('/') + 1);
      }
    } catch (IllegalArgumentException notAUri) {
      // not a URI at all: keep it as it was written
    }
    return raw;
  }

  Song withRequester(long user) {
    return new Song(source, title, lengthMs, user);
  }
}
