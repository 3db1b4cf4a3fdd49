package dev.cogworks.music;

import dev.cogworks.api.data.ServerData;
import dev.cogworks.api.data.UserData;
import java.util.List;

/**
 * What the cog keeps about people and servers, and its deletion: history, playlists, the saved
 * queue, and a person's tracks in the live queues. One per cog, reading the parts of its current
 * load (a restart loads them anew).
 */
final class MusicData implements UserData, ServerData {
  private final MusicCog cog;

  MusicData(MusicCog cog) {
    this.cog = cog;
  }

  @Override
  public List<String> describe(long userId) {
    return cog.store().describe(userId);
  }

  /**
   * Deletes {@code userId}'s history, playlists and saved queue entries, and takes their tracks out
   * of every live queue (the one playing is skipped), so the next save cannot write them back.
   */
  @Override
  public long delete(long userId) {
    StateWriter state = cog.stateWriter();
    long removed = 0;
    for (GuildPlayer player : cog.players().all()) {
      int gone = player.forget(userId);
      if (gone > 0) {
        removed += gone;
        state.save(player);
      }
    }
    // Saves and plays queued before the purge still hold their tracks: the deletion runs after
    // them, on the writer's thread, and removes what they wrote.
    return removed + state.afterPending(() -> cog.store().deleteUser(userId));
  }

  @Override
  public void deleteServer(long guildId) {
    cog.store().deleteServer(guildId);
  }
}
