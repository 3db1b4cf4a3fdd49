package dev.cogworks.api.data;

/**
 * How a cog deletes what it keeps about one server: called when the bot left the server more than
 * {@code data.server_retention} ago, so that a server that comes back after that finds nothing. The
 * platform deletes the server's settings itself. May block: it runs on the platform's retention
 * thread, one server after another.
 */
public interface ServerData {
  /** Deletes everything the cog keeps about {@code guildId}; deleting twice is harmless. */
  void deleteServer(long guildId);
}
