package dev.cogworks.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.model.SimVoiceState;
import dev.cogworks.testkit.CogworksHarness;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rest of the cog's behaviour, once, in {@code direct} mode: its own bot, so that it runs in a
 * JVM beside {@link DirectMusicTest} (each waits mostly on #music's message limit).
 */
@DisplayName(
    "Music cog, direct: settings, people's data, HTTP, permissions, stage, sticky queue, moves")
class DirectMusicSettingsTest extends MusicSteps {
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
