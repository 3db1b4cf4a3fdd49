package dev.cogworks.music;

/**
 * A track as the cog keeps it: where it comes from ({@code library:<path>}, a URL, or a plugin
 * source's identifier), its title and length, and who asked for it. Enough to load it again after a
 * restart, or from a playlist or the history.
 */
record Song(String source, String title, long lengthMs, long requester) {
  Song withRequester(long user) {
    return new Song(source, title, lengthMs, user);
  }
}
