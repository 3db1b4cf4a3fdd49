package dev.cogworks.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.testkit.CogworksHarness;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract in {@code direct} mode, and the rest of the cog's behaviour once. */
@DisplayName("Music cog, messaging.mode = direct")
class DirectMusicTest extends MusicContract {
  static final MusicCog cog = new MusicCog();

  @RegisterExtension static final CogworksHarness bot = harness(cog, "direct").owners("admin");

  @Override
  CogworksHarness bot() {
    return bot;
  }

  @Override
  MusicCog cog() {
    return cog;
  }

  @Test
  @DisplayName(
      "pause stops the packets and resume continues; volume lowers the level; seek ends a 20 s track early")
  void pauseVolumeSeek() {
    joinVoice("alice", "Music");
    bot.post("alice", "music", "!play long drone");
    bot.awaitReply("music", "🎶 Playing \\*\\*Long Drone");
    awaitHeard("the drone", s -> s.packets() >= 10 && s.levelDbfs() > -15);

    bot.post("alice", "music", "!pause");
    bot.awaitReply("music", "⏸ Paused");
    long[] paused = {heard().orElseThrow().packets()};
    await("no packets while paused")
        .atMost(PATIENCE)
        .during(Duration.ofMillis(400))
        .until(
            () -> {
              long now = heard().orElseThrow().packets();
              boolean same = now == paused[0];
              paused[0] = now;
              return same;
            });
    bot.post("alice", "music", "!resume");
    bot.awaitReply("music", "▶ Resumed");
    long resumedFrom = paused[0];
    awaitHeard("packets again", s -> s.packets() > resumedFrom + 10);

    bot.post("alice", "music", "!volume 20");
    bot.awaitReply("music", "🔊 Volume 20");
    awaitHeard("a lower level", s -> s.levelDbfs() < -20 && s.levelDbfs() > -50);

    bot.post("alice", "music", "!seek 19");
    bot.awaitReply("music", "⏩ Jumped to 0:19");
    bot.awaitReply("music", "⏹ The queue is empty");
  }

  @Test
  @DisplayName(
      "others vote to skip (2 of 3 listeners); requester and DJ rules; bump, move, remove, shuffle;"
          + " autocomplete offers library names and queue places")
  void votesAndQueueEdits() {
    joinVoice("alice", "Music");
    joinVoice("bob", "Music");
    joinVoice("admin", "Music");
    bot.post("alice", "music", "!play long drone");
    bot.awaitReply("music", "🎶 Playing \\*\\*Long Drone");
    bot.post("bob", "music", "!play high beep");
    bot.awaitReply("music", "at position 1");
    bot.post("bob", "music", "!play quiet tone");
    bot.awaitReply("music", "at position 2");
    bot.post("alice", "music", "!play blips/blip.wav");
    bot.awaitReply("music", "➕ Queued \\*\\*Blip\\*\\*.*at position 3");

    assertThat(bot.autocomplete("alice", "music", "play", "query", "hum"))
        .containsEntry("Low Hum.wav", "library:Low Hum.wav");
    assertThat(bot.autocomplete("alice", "music", "remove", "position", ""))
        .containsEntry("1. High Beep", "1")
        .containsEntry("3. Blip", "3");

    bot.post("alice", "music", "!bump 3");
    bot.awaitReply("music", "⏫ \\*\\*Blip\\*\\* plays next");
    bot.post("alice", "music", "!move 1 3");
    bot.awaitReply("music", "↕ Moved \\*\\*Blip\\*\\* to position 3");
    bot.post("alice", "music", "!remove 1");
    bot.awaitReply("music", "Only a DJ or whoever asked for a track can remove it");
    bot.post("admin", "music", "!remove 1");
    bot.awaitReply("music", "🗑 Removed \\*\\*High Beep");
    bot.post("alice", "music", "!shuffle");
    bot.awaitReply("music", "🔀 Shuffled 2 tracks");
    bot.post("alice", "music", "!queue");
    bot.awaitReply("music", "▶ \\*\\*Long Drone\\*\\*.*2 waiting");

    bot.post("bob", "music", "!skip");
    bot.awaitReply("music", "Only a DJ or whoever asked for \\*\\*Long Drone\\*\\* can skip it");
    bot.post("bob", "music", "!voteskip");
    bot.awaitReply("music", "🗳 Vote to skip \\*\\*Long Drone\\*\\*: 1/2");
    bot.post("alice", "music", "!voteskip");
    bot.awaitReply("music", "⏭ Vote passed \\(2/2\\): skipped \\*\\*Long Drone");
    bot.post("bob", "music", "!stop");
    bot.awaitReply("music", "Only a DJ can stop the music while others are listening");
    bot.post("admin", "music", "!stop");
    bot.awaitReply("music", "⏹ Stopped");
    // Every track bob's own: others listen, but stopping takes nothing from them.
    bot.post("bob", "music", "!play quiet tone");
    bot.awaitReply("music", "🎶 Playing \\*\\*Quiet Tone");
    bot.post("bob", "music", "!stop");
    bot.awaitReply("music", "⏹ Stopped");
  }

  @Test
  @DisplayName(
      "playlists: a creator's own, a 20-entry file added with its 3 broken entries named, renamed,"
          + " shown, deleted; the history lists this server's plays and random-play queues from it")
  void playlistsAndHistory() {
    joinVoice("alice", "Music");
    bot.post("alice", "music", "!play blips/blip.wav");
    bot.awaitReply("music", "🎶 Playing \\*\\*Blip");
    bot.post("alice", "music", "!playlist create Mix");
    bot.awaitReply("music", "📃 Created the playlist \\*\\*Mix");
    bot.post("alice", "music", "!playlist add Mix low hum");
    bot.awaitReply("music", "📃 Added 1 track\\(s\\) to \\*\\*Mix\\*\\*\\.");
    bot.post("bob", "music", "!playlist add Mix quiet");
    bot.awaitReply(
        "music",
        "Only <@" + userId("alice") + ">, who made \\*\\*Mix\\*\\*, or a DJ can change it");
    bot.post("alice", "music", "!playlist add Mix twenty");
    bot.awaitReply(
        "music",
        "Added 17 track\\(s\\) to \\*\\*Mix\\*\\*; could not load: missing.wav, passwd, notes.txt");
    bot.post("alice", "music", "!play long drone");
    bot.awaitReply("music", "Long Drone");

    bot.post("alice", "music", "!playlist list");
    bot.awaitReply("music", "• \\*\\*Mix\\*\\*, 18 tracks");
    bot.post("alice", "music", "!playlist rename Mix Evening");
    bot.awaitReply("music", "\\*\\*Mix\\*\\* is now \\*\\*Evening");
    bot.post("alice", "music", "!playlist show Evening");
    bot.awaitReply("music", "\\*\\*Evening\\*\\*, 18 tracks:\\n1\\. \\*\\*Low Hum");
    bot.post("alice", "music", "!history");
    bot.awaitReply("music", "🕘 Last plays here.*Long Drone.*Blip");
    bot.post("alice", "music", "!random-play 2");
    bot.awaitReply("music", "📥 Loading \\*\\*2\\*\\* tracks from \\*\\*the history");
    bot.post("alice", "music", "!playlist delete Evening");
    bot.awaitReply("music", "🗑 Deleted the playlist \\*\\*Evening");
  }
}
