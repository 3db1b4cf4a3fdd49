package dev.cogworks.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.testkit.CogworksHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bot with small limits (3 waiting, one per person, 2 s idle), a DAVE factory named by class, and
 * a source plug-in on its plugin class loader.
 */
@DisplayName(
    "Music cog: limits, track length, idle leave, the 4017 guard, DAVE by class name, a source plug-in")
class MusicLimitsTest extends MusicSteps {
  static final MusicCog cog = new MusicCog();

  @RegisterExtension
  static final CogworksHarness bot =
      harness(cog, "direct")
          .config("music.queue_max", 3)
          .config("music.user_share", 0.34)
          .config("music.idle_timeout", "2s")
          .config("music.max_track_length", "10s")
          .config("discord.voice.dave", TestDaveFactory.class.getName())
          .classLoader(plugins());

  /** A folder standing for plugins/: a services file naming the test's source plug-in. */
  private static ClassLoader plugins() {
    try {
      Path jar = Files.createTempDirectory("music-plugin");
      Path services = jar.resolve("META-INF/services");
      Files.createDirectories(services);
      Files.writeString(
          services.resolve(MusicSources.class.getName()), ToneSources.class.getName());
      ToneSources.folder = jar;
      return new URLClassLoader(
          new URL[] {jar.toUri().toURL()}, MusicLimitsTest.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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
      "one track each while others wait, a full queue is told; a plug-in source plays 'tone:660';"
          + " the DAVE factory named in discord.voice.dave made the session")
  void limitsPluginDave() {
    joinVoice("alice", "Music");
    joinVoice("bob", "Music");
    joinVoice("admin", "Music");
    bot.post("alice", "music", "!play tone:660");
    bot.awaitReply("music", "🎶 Playing \\*\\*Tone 660 Hz");
    awaitHeard("the plug-in's tone", s -> s.packets() > 10 && s.levelDbfs() > -15);
    assertThat(TestDaveFactory.SESSIONS).hasPositiveValue();

    bot.post("alice", "music", "!play quiet");
    bot.awaitReply("music", "➕ Queued \\*\\*Quiet Tone");
    bot.post("alice", "music", "!play low hum");
    bot.awaitReply("music", "⛔ You already have 1 tracks waiting, your share of the queue");
    bot.post("bob", "music", "!play low hum");
    bot.awaitReply("music", "➕ Queued \\*\\*Low Hum");
    bot.post("admin", "music", "!play high beep");
    bot.awaitReply("music", "➕ Queued \\*\\*High Beep");
    bot.post("bob", "music", "!play quiet");
    bot.awaitReply("music", "⛔ The queue is full \\(3 tracks\\)");
  }

  @Test
  @DisplayName(
      "a track over max_track_length is refused with why; alone in the channel, or with nothing"
          + " to play, for the idle timeout, the bot leaves and says so")
  void tooLongAndIdleLeave() {
    joinVoice("alice", "Music");
    bot.post("alice", "music", "!play long drone");
    bot.awaitReply("music", "⛔ \\*\\*Long Drone\\*\\* is longer than 0:10, this bot's limit\\.");
    assertThat(cog.player(guildId()).flatMap(GuildPlayer::current)).isEmpty();
    bot.post("alice", "music", "!play quiet");
    bot.awaitReply("music", "🎶 Playing \\*\\*Quiet Tone");
    long left = System.nanoTime();
    leaveVoice("alice");
    bot.awaitReply("music", "👋 Left the voice channel after 0:02 alone");
    assertThat(Duration.ofNanos(System.nanoTime() - left))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    await().atMost(PATIENCE).until(() -> botVoice().isEmpty());

    // In #general: #music's message budget stays for the next test, whose short track must not
    // end (and the bot leave) while its answers wait on the channel's limit.
    joinVoice("alice", "Music");
    bot.post("alice", "general", "!play blips/blip.wav");
    bot.awaitReply("general", "🎶 Playing \\*\\*Blip");
    bot.awaitReply("general", "👋 Left the voice channel after 0:02 with nothing to play");
  }

  @Test
  @DisplayName(
      "Discord demanding DAVE (4017): the rejoin loop is stopped, the user told, and the bot stays out")
  void daveRequired() {
    bot.sim().voice().settings().requireDave(true);
    try {
      joinVoice("alice", "Music");
      bot.post("alice", "music", "!play quiet");
      bot.awaitReply("music", "requires end-to-end encryption \\(DAVE\\)");
      int closes = bot.sim().voice().closeCodesSent().size();
      assertThat(bot.sim().voice().closeCodesSent()).contains(4017);
      await("no more rejoining")
          .atMost(PATIENCE)
          .during(Duration.ofSeconds(2))
          .until(() -> bot.sim().voice().closeCodesSent().size() == closes && botVoice().isEmpty());
    } finally {
      bot.sim().voice().settings().requireDave(false);
    }
  }

  @Test
  @DisplayName(
      "repeat one replays the track, repeat all puts each finished track back at the end,"
          + " repeat off lets the queue run out")
  void repeatModes() {
    joinVoice("alice", "Music");
    SimMessage play = bot.post("alice", "music", "!play quiet tone");
    bot.awaitReply("music", "🎶 Playing \\*\\*Quiet Tone");
    bot.post("alice", "music", "!repeat one");
    bot.awaitReply("music", "🔁 Repeat: \\*\\*one");
    // A 5 s clip, long enough that `repeat one` comes while it plays on a busy machine (with a
    // 1.5 s one the track could end first): 250 packets; over 290 means it started again.
    awaitHeard("Quiet Tone a second time", s -> s.packets() > 290);
    assertThat(botSaid(play.id, "⏹ The queue is empty")).isFalse();

    bot.post("alice", "music", "!play high beep");
    bot.awaitReply("music", "➕ Queued \\*\\*High Beep");
    bot.post("alice", "music", "!repeat all");
    bot.awaitReply("music", "🔁 Repeat: \\*\\*all");
    awaitNowPlaying(play.id, "High Beep");
    // Quiet Tone finished under repeat all: back at the end of the queue (or playing again
    // already).
    bot.post("alice", "music", "!queue");
    bot.awaitReply(
        "music", "▶ \\*\\*(High Beep|Quiet Tone)\\*\\*.*1\\. \\*\\*(Quiet Tone|High Beep)");

    SimMessage off = bot.post("alice", "music", "!repeat off");
    bot.awaitReply("music", "🔁 Repeat: \\*\\*off");
    bot.awaitReply("music", "⏹ The queue is empty");
    bot.post("alice", "music", "!queue");
    bot.awaitReply("music", "Nothing is playing");
    assertThat(botSaid(off.id, "⏹ The queue is empty")).isTrue();
  }

  @Test
  @DisplayName("bob deletes his data with mydata delete: his plays and playlists go, alice's stay")
  void userDataDeletion() {
    joinVoice("alice", "Music");
    joinVoice("bob", "Music");
    bot.post("alice", "music", "!play blips/blip.wav");
    bot.awaitReply("music", "Blip");
    bot.post("bob", "music", "!play blips/blip.wav");
    bot.awaitReply("music", "Blip");
    bot.post("alice", "music", "!playlist create Alices");
    bot.awaitReply("music", "📃 Created the playlist \\*\\*Alices");
    bot.post("bob", "music", "!playlist create Bobs");
    bot.awaitReply("music", "📃 Created the playlist \\*\\*Bobs");
    await("both plays in the history")
        .atMost(PATIENCE)
        .until(
            () ->
                !cog.userData().orElseThrow().describe(userId("bob")).isEmpty()
                    && !cog.userData().orElseThrow().describe(userId("alice")).isEmpty());

    bot.post("bob", "music", "!mydata delete");
    SimMessage confirm = bot.awaitReply("music", "^Delete everything I keep about you");
    bot.click("bob", confirm, "Delete my data");
    SimMessage details = bot.awaitReply("music", "^Deleted what I kept about you:");
    assertThat(details.content).contains("• music: ");

    assertThat(cog.userData().orElseThrow().describe(userId("bob"))).isEmpty();
    bot.post("alice", "music", "!playlist list");
    SimMessage list = bot.awaitReply("music", "\\*\\*Alices\\*\\*");
    assertThat(list.content).doesNotContain("Bobs");
    bot.post("alice", "music", "!history");
    SimMessage history = bot.awaitReply("music", "🕘 Last plays here");
    assertThat(history.content)
        .contains("asked by <@" + userId("alice") + ">")
        .doesNotContain("<@" + userId("bob") + ">");
    bot.post("alice", "music", "!playlist delete Alices");
    bot.awaitReply("music", "🗑 Deleted the playlist");
  }
}
