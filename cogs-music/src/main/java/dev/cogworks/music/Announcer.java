package dev.cogworks.music;

import dev.cogworks.api.messaging.ProgressMessage;
import java.util.concurrent.CompletableFuture;

/**
 * What people are told as a player goes: the now-playing message when a track starts (one per
 * player, edited for each track), a track that failed, the queue running out. Each start is saved
 * for a restart and recorded in the history.
 */
final class Announcer implements GuildPlayer.Events {
  private final MusicCog cog;
  private final StateWriter state;

  Announcer(MusicCog cog, StateWriter state) {
    this.cog = cog;
    this.state = state;
  }

  @Override
  public void started(GuildPlayer player, Entry entry) {
    Song song = entry.song();
    String text =
        "▶ Now playing **"
            + song.title()
            + "** (`"
            + Times.length(song.lengthMs())
            + "`), asked by <@"
            + song.requester()
            + ">";
    long channel = player.textChannelId();
    CompletableFuture<ProgressMessage> existing =
        player.nowPlaying(
            text, () -> cog.say(channel, text).thenApply(sent -> cog.progress(channel, sent.id())));
    if (existing != null) {
      existing.thenAccept(message -> message.update(text));
    }
    player.idleSince(0);
    state.save(player);
    state.played(player.guildId, song);
  }

  @Override
  public void failed(GuildPlayer player, Entry entry, String why) {
    cog.say(player.textChannelId(), "⚠ Could not play **" + entry.song().title() + "**: " + why);
  }

  @Override
  public void queueEnded(GuildPlayer player) {
    if (state.unloading()) {
      return;
    }
    cog.say(player.textChannelId(), "⏹ The queue is empty.");
    state.save(player);
  }
}
