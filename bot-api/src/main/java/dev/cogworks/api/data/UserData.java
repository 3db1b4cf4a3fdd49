package dev.cogworks.api.data;

import java.util.List;

/**
 * What a cog keeps about a person, and how to delete it: the cog's part of {@code mydata show},
 * {@code mydata delete} and the owners' {@code cogworks forget-user}, as Red-DiscordBot's {@code
 * red_delete_data_for_user}. A cog that stores anything keyed by a user (messages learned, history,
 * playlists, settings) implements it and returns it from {@link dev.cogworks.api.Cog#userData()}.
 *
 * <p>Both methods may block (database queries): the platform calls them on the cog's I/O pool.
 */
public interface UserData {
  /**
   * What the cog keeps about {@code userId}, in every server, as short lines the person reads ("120
   * messages learned in 2 servers"); empty when it keeps nothing.
   */
  List<String> describe(long userId);

  /**
   * Deletes everything the cog keeps about {@code userId}, in every server; returns how many items
   * were deleted (0 when there was nothing). Deleting twice is harmless.
   */
  long delete(long userId);
}
