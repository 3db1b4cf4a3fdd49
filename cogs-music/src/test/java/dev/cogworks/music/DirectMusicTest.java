package dev.cogworks.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.model.SimVoiceState;
import dev.cogworks.testkit.CogworksHarness;
import java.time.Duration;
import java.util.List;
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

  @Test
  @DisplayName(
      "server settings: default_volume starts the player at 40, dj_role lets bob clear, text_channel"
          + " keeps music commands in one channel; queue page 2; playlist save-queue, remove and"
          + " from-history; leave by whoever is alone with the bot")
  void settingsAndTheOtherCommands() {
    SimRole dj = bot.sim().control().createRole(guildId(), "Music DJ", 0, 3);
    bot.sim().control().addMember(guildId(), userId("bob"), List.of(dj.id));
    long general = bot.channel("general").id;
    bot.post("admin", "music", "!settings set music.default_volume 40");
    bot.awaitReply("music", "`music.default_volume` is now");
    try {
      joinVoice("alice", "Music");
      bot.post("alice", "music", "!play long drone");
      bot.awaitReply("music", "🎶 Playing \\*\\*Long Drone");
      bot.post("alice", "music", "!play twenty");
      bot.awaitReply("music", "✅ Queued 17/20");
      // Paused, so the queue stays as it is while it is looked at.
      bot.post("alice", "music", "!pause");
      bot.awaitReply("music", "⏸ Paused");
      bot.post("alice", "music", "!now");
      bot.awaitReply("music", "volume 40 · repeat off · 17 waiting");
      bot.post("alice", "music", "!queue 2");
      SimMessage page = bot.awaitReply("music", "Page 2/2 · 17 waiting");
      assertThat(page.content)
          .contains("\n11. **Blip**", "\n17. **Blip**")
          .doesNotContain("\n10. **Blip**");

      bot.post("alice", "music", "!playlist save-queue Saved");
      bot.awaitReply("music", "📃 Saved 18 track\\(s\\) from the queue as \\*\\*Saved");
      bot.post("alice", "music", "!playlist remove Saved 1");
      bot.awaitReply("music", "🗑 Removed track 1 from \\*\\*Saved");
      bot.post("alice", "music", "!playlist show Saved");
      bot.awaitReply("music", "\\*\\*Saved\\*\\*, 17 tracks:\\n1\\. \\*\\*Blip");
      bot.post("alice", "music", "!playlist from-history Recent 1");
      bot.awaitReply("music", "📃 Saved 1 track\\(s\\) from the history as \\*\\*Recent");

      bot.post("bob", "music", "!clear");
      bot.awaitReply("music", "Only a DJ can clear the queue");
      bot.post("admin", "music", "!settings set music.dj_role " + dj.id);
      bot.awaitReply("music", "`music.dj_role` is now");
      bot.post("bob", "music", "!clear");
      bot.awaitReply("music", "🧹 Cleared 17 tracks");

      bot.post("admin", "music", "!settings set music.text_channel <#" + general + ">");
      bot.awaitReply("music", "`music.text_channel` is now");
      bot.post("alice", "music", "!queue");
      bot.awaitReply("music", "Music commands are answered in <#" + general + ">");
      bot.post("alice", "general", "!leave");
      bot.awaitReply("general", "⏹ Stopped, cleared the queue and left");
      await("out of voice").atMost(PATIENCE).until(() -> botVoice().isEmpty());
      bot.post("alice", "general", "!playlist delete Saved");
      bot.awaitReply("general", "🗑 Deleted the playlist");
      bot.post("alice", "general", "!playlist delete Recent");
      bot.awaitReply("general", "🗑 Deleted the playlist");
    } finally {
      for (String key : List.of("default_volume", "dj_role", "text_channel")) {
        bot.post("admin", "music", "!settings reset music." + key);
        bot.awaitReply("music", "`music." + key + "` is back to its default");
      }
    }
  }

  @Test
  @DisplayName(
      "bob's mydata delete and the owners' forget-user of alice take their tracks out of the live"
          + " queue (the playing one skipped) and the saved one; admin's stay, also after a restart")
  void deletedPeopleLeaveTheQueue() throws Exception {
    joinVoice("alice", "Music");
    joinVoice("bob", "Music");
    joinVoice("admin", "Music");
    bot.post("bob", "music", "!play long drone");
    bot.awaitReply("music", "🎶 Playing \\*\\*Long Drone");
    // Paused, so nothing ends on its own while the queue is looked at.
    bot.post("admin", "music", "!pause");
    bot.awaitReply("music", "⏸ Paused");
    queue("alice", "high beep", 1);
    queue("bob", "low hum", 2);
    queue("admin", "quiet", 3);
    queue("alice", "blips/blip.wav", 4);
    queue("admin", "low hum", 5);

    bot.post("bob", "music", "!mydata delete");
    bot.click(
        "bob", bot.awaitReply("music", "^Delete everything I keep about you"), "Delete my data");
    assertThat(bot.awaitReply("music", "^Deleted what I kept about you:").content)
        .contains("• music: ");
    bot.post("alice", "music", "!queue");
    SimMessage queue = bot.awaitReply("music", "▶ \\*\\*High Beep\\*\\*.*3 waiting");
    assertThat(queue.content)
        .contains("1. **Quiet Tone**", "2. **Blip**", "3. **Low Hum**")
        .doesNotContain("<@" + userId("bob") + ">");

    long alice = userId("alice");
    bot.post("admin", "music", "!cogworks forget-user " + alice);
    assertThat(bot.awaitReply("music", "^Deleted what I kept about user " + alice + ":").content)
        .contains("• music: ");
    bot.post("bob", "music", "!queue");
    queue = bot.awaitReply("music", "▶ \\*\\*Quiet Tone\\*\\*.*1 waiting");
    assertThat(queue.content)
        .contains("1. **Low Hum** `0:01` in ", "asked by <@" + userId("admin") + ">")
        .doesNotContain("<@" + alice + ">");

    bot.restartBot();
    bot.awaitReply(
        bot.channel("music"), "🔁 Back after a restart: \\*\\*Quiet Tone\\*\\* resumed", PATIENCE);
    bot.post("admin", "music", "!queue");
    queue = bot.awaitReply("music", "▶ \\*\\*Quiet Tone\\*\\*.*1 waiting");
    assertThat(queue.content).doesNotContain("<@" + alice + ">", "<@" + userId("bob") + ">");
    bot.post("admin", "music", "!history");
    assertThat(bot.awaitReply("music", "🕘 Last plays here").content)
        .doesNotContain("<@" + alice + ">", "<@" + userId("bob") + ">");
  }

  private void queue(String user, String query, int position) {
    bot.post(user, "music", "!play " + query);
    bot.awaitReply("music", "➕ Queued .* at position " + position);
  }

  @Test
  @DisplayName(
      "HTTP from a local server plays, a 404 and a private address are refused with why; no Connect"
          + " or no Speak is a clear refusal; in a stage channel the bot becomes a speaker")
  void httpPermissionsStage() throws Exception {
    java.nio.file.Path www = java.nio.file.Files.createTempDirectory("music-www");
    Clips.tone(www.resolve("tone.wav"), 660, 1500, 0.5);
    try (LocalHttp web = new LocalHttp(www)) {
      joinVoice("alice", "Music");
      bot.post("alice", "music", "!play " + web.url("127.0.0.1", "tone.wav"));
      bot.awaitReply("music", "🎶 Playing \\*\\*tone.wav");
      awaitHeard("the tone over HTTP", s -> s.packets() > 10 && s.levelDbfs() > -15);
      bot.post("alice", "music", "!play " + web.url("127.0.0.1", "missing.wav"));
      bot.awaitReply("music", "I could not load that: nothing playable at that URL");
      bot.post("alice", "music", "!play http://10.0.0.5/x.wav");
      bot.awaitReply("music", "10.0.0.5 leads to a private or local address");
      bot.post("alice", "music", "!play ../etc/passwd");
      bot.awaitReply("music", "Nothing in the library matches");
    }
    cog.shutDown(guildId());
    await().atMost(PATIENCE).until(() -> botVoice().isEmpty());

    SimChannel locked =
        bot.sim()
            .control()
            .createChannel(
                guildId(),
                "Locked",
                SimChannel.GUILD_VOICE,
                List.of(
                    new PermissionOverwrite(
                        botId(),
                        PermissionOverwrite.MEMBER,
                        0,
                        dev.cogworks.sim.model.Permission.CONNECT)));
    bot.sim().voiceStates().move(guildId(), userId("alice"), locked.id);
    await()
        .atMost(PATIENCE)
        .until(() -> cog.voice().channelOf(guildId(), userId("alice")).orElse(0) == locked.id);
    bot.post("alice", "music", "!play low hum");
    bot.awaitReply("music", "I need the \\*\\*Connect\\*\\* permission in <#" + locked.id + ">");
    SimChannel muted =
        bot.sim()
            .control()
            .createChannel(
                guildId(),
                "Muted",
                SimChannel.GUILD_VOICE,
                List.of(
                    new PermissionOverwrite(
                        botId(),
                        PermissionOverwrite.MEMBER,
                        0,
                        dev.cogworks.sim.model.Permission.SPEAK)));
    bot.sim().voiceStates().move(guildId(), userId("alice"), muted.id);
    await()
        .atMost(PATIENCE)
        .until(() -> cog.voice().channelOf(guildId(), userId("alice")).orElse(0) == muted.id);
    bot.post("alice", "music", "!play low hum");
    bot.awaitReply("music", "I need the \\*\\*Speak\\*\\* permission in <#" + muted.id + ">");

    SimChannel stage =
        bot.sim()
            .control()
            .createChannel(guildId(), "Stage", SimChannel.GUILD_STAGE_VOICE, List.of());
    bot.sim().voiceStates().move(guildId(), userId("alice"), stage.id);
    await()
        .atMost(PATIENCE)
        .until(() -> cog.voice().channelOf(guildId(), userId("alice")).orElse(0) == stage.id);
    bot.post("alice", "music", "!play long drone");
    bot.awaitReply("music", "🎶 Playing \\*\\*Long Drone");
    await("the bot a speaker, or asking to be one")
        .atMost(PATIENCE)
        .until(
            () -> {
              SimVoiceState state = bot.guild().voiceStates.get(botId());
              return state != null
                  && state.channelId() == stage.id
                  && (!state.suppress() || state.requestToSpeak() != null);
            });
    awaitHeard("audio in the stage", s -> s.channelId() == stage.id && s.packets() > 10);
  }

  @Test
  @DisplayName(
      "music.sticky_queue on: others post and the now-playing message is posted again as the"
          + " channel's last, the old one deleted; a burst of 10 posts costs at most 2 reposts")
  void stickyQueue() {
    bot.post("admin", "music", "!settings set music.sticky_queue on");
    bot.awaitReply("music", "`music.sticky_queue` is now");
    try {
      joinVoice("alice", "Music");
      bot.post("alice", "music", "!play long drone");
      SimMessage first = bot.awaitReply("music", "▶ Now playing \\*\\*Long Drone");
      SimMessage bobs = bot.post("bob", "music", "anyone else hearing this?");
      SimMessage again = awaitNowPlayingLast(bobs.id);
      assertThat(again.id).isNotEqualTo(first.id);
      await("the old now-playing message deleted").atMost(PATIENCE).until(first::deleted);

      long before = nowPlayingSince(first.id).size();
      SimMessage last = null;
      for (int i = 0; i < 10; i++) {
        last = bot.post(i % 2 == 0 ? "bob" : "alice", "music", "chatting " + i);
      }
      awaitNowPlayingLast(last.id);
      assertThat(nowPlayingSince(first.id).size() - before)
          .as("reposts after a burst of 10")
          .isBetween(1L, 2L);
      await("one live now-playing message")
          .atMost(PATIENCE)
          .until(() -> nowPlayingSince(first.id).stream().filter(m -> !m.deleted()).count() == 1);
    } finally {
      bot.post("admin", "music", "!settings reset music.sticky_queue");
      bot.awaitReply("music", "`music.sticky_queue` is back to its default");
    }
  }

  @Test
  @DisplayName(
      "moved to another voice channel, the bot plays on there; disconnected by a moderator, it"
          + " clears the queue and says so")
  void movedAndKicked() {
    joinVoice("alice", "Music");
    bot.post("alice", "music", "!play long drone");
    bot.awaitReply("music", "🎶 Playing \\*\\*Long Drone");
    awaitHeard("the drone", s -> s.packets() > 10);
    SimChannel lounge =
        bot.sim().control().createChannel(guildId(), "Lounge", SimChannel.GUILD_VOICE, List.of());
    bot.sim().voiceStates().move(guildId(), botId(), lounge.id);
    awaitHeard("the drone in the Lounge", s -> s.channelId() == lounge.id && s.packets() > 10);
    await("the cog knows where it is")
        .atMost(PATIENCE)
        .until(
            () -> cog.player(guildId()).map(GuildPlayer::voiceChannelId).orElse(0L) == lounge.id);
    bot.post("alice", "music", "!queue");
    bot.awaitReply("music", "▶ \\*\\*Long Drone");

    bot.post("alice", "music", "!play low hum");
    bot.awaitReply("music", "➕ Queued \\*\\*Low Hum");
    bot.sim().voiceStates().move(guildId(), botId(), null);
    bot.awaitReply("music", "⏏ I was disconnected from the voice channel, so I cleared the queue");
    assertThat(cog.player(guildId())).isEmpty();
    bot.post("alice", "music", "!queue");
    bot.awaitReply("music", "Nothing is playing");
  }

  /** Waits until the channel's last live message is the bot's now-playing one, newer than id. */
  private SimMessage awaitNowPlayingLast(long afterId) {
    return await("the now-playing message last in #music again")
        .atMost(PATIENCE)
        .until(
            () -> {
              List<SimMessage> live =
                  bot.sim().control().messages(bot.channel("music").id).stream()
                      .filter(m -> !m.deleted())
                      .toList();
              SimMessage newest = live.get(live.size() - 1);
              return newest.author.id == botId()
                      && newest.id > afterId
                      && newest.content.startsWith("▶ Now playing")
                  ? newest
                  : null;
            },
            m -> m != null);
  }

  /** The bot's now-playing messages from {@code fromId} on, deleted ones included. */
  private List<SimMessage> nowPlayingSince(long fromId) {
    return bot.sim().control().messages(bot.channel("music").id).stream()
        .filter(m -> m.id >= fromId && m.author.id == botId())
        .filter(m -> m.content.startsWith("▶ Now playing"))
        .toList();
  }
}
