package dev.cogworks.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.voice.VoiceStats;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The music cog end to end in every messaging mode: real JDA, the simulator's voice server
 * decrypting and decoding what the bot sends, embedded PostgreSQL.
 */
abstract class MusicContract extends MusicSteps {
  @Test
  @DisplayName(
      "alice in voice, '!play quiet' → the bot joins her channel and the simulator hears quiet audio;"
          + " a loud track queued, 'skip' → it is heard at once; 'stop' → op 4 leave, out of voice")
  void playSkipStop() {
    joinVoice("alice", "Music");
    bot().post("alice", "music", "!play quiet");
    bot().awaitReply("music", "🎶 Playing \\*\\*Quiet Tone\\*\\*");
    assertThat(botVoice()).contains(voiceChannel("Music").id);
    VoiceStats quiet = awaitHeard("quiet audio", s -> s.packets() >= 15 && s.decodedFrames() >= 10);
    assertThat(quiet.levelDbfs()).isBetween(-60.0, -30.0);
    assertThat(quiet.decryptFailures()).isZero();

    bot().post("alice", "music", "!play high beep");
    bot().awaitReply("music", "➕ Queued \\*\\*High Beep\\*\\*.*at position 1");
    bot().post("alice", "music", "!skip");
    bot().awaitReply("music", "⏭ Skipped \\*\\*Quiet Tone");
    VoiceStats loud = awaitHeard("the loud track", s -> s.levelDbfs() > -15);
    assertThat(loud.packets()).isGreaterThan(quiet.packets());
    await("the now-playing message, edited")
        .atMost(PATIENCE)
        .until(
            () ->
                bot().botMessages("music").stream()
                    .anyMatch(m -> m.content.startsWith("▶ Now playing **High Beep")));

    bot().post("alice", "music", "!stop");
    bot().awaitReply("music", "⏹ Stopped, cleared the queue and left");
    await("op 4 leave: the bot out of voice").atMost(PATIENCE).until(() -> botVoice().isEmpty());
    long after = heard().orElseThrow().packets();
    await("no more audio")
        .during(java.time.Duration.ofMillis(300))
        .atMost(PATIENCE)
        .until(() -> heard().orElseThrow().packets() == after);
  }

  @Test
  @DisplayName(
      "a playlist of 20 with 3 broken entries: one progress message, edited in place (far fewer"
          + " edits than entries), ending 'Queued 17/20, 3 failed' with each failure named")
  void playlistProgress() {
    joinVoice("alice", "Music");
    SimMessage asked = bot().post("alice", "music", "!play twenty");
    bot().awaitReply("music", "📥 Loading \\*\\*20\\*\\* tracks from \\*\\*Twenty\\*\\*");
    SimMessage done =
        bot()
            .awaitReply(
                "music",
                "✅ Queued 17/20 tracks from \\*\\*Twenty\\*\\*, 3 failed:.*missing\\.wav.*passwd.*notes\\.txt");
    assertThat(done.history.size()).as("edits of the progress message").isBetween(1, 12);
    assertThat(
            bot().botMessages("music").stream()
                .filter(m -> m.id > asked.id)
                .filter(
                    m -> m.content.startsWith("📥 Loading ") || m.content.startsWith("✅ Queued"))
                .count())
        .as("one progress message, not one per track")
        .isEqualTo(2);
    awaitHeard("the blips", s -> s.packets() >= 5);
  }

  @Test
  @DisplayName(
      "slash commands: each is acknowledged at once with a deferral and its answer edited in;"
          + " /play plays, /playlist create, add and queue (a progress message), /queue, /skip;"
          + " a refusal replaces the deferral with an ephemeral answer")
  void slashCommands() {
    joinVoice("alice", "Music");
    SimMessage refused =
        slash("bob", "play", Map.of("query", "quiet"), "Join a voice channel first");
    assertThat(refused.ephemeral()).as("the refusal only bob sees").isTrue();

    SimMessage played =
        slash("alice", "play", Map.of("query", "quiet"), "🎶 Playing \\*\\*Quiet Tone");
    assertThat(played.ephemeral()).isFalse();
    awaitHeard("quiet audio", s -> s.packets() >= 10);
    slash(
        "alice",
        "playlist create",
        Map.of("name", "Slashed"),
        "📃 Created the playlist \\*\\*Slashed");
    slash(
        "alice",
        "playlist add",
        Map.of("name", "Slashed", "query", "high beep"),
        "📃 Added 1 track\\(s\\) to \\*\\*Slashed");
    slash(
        "alice",
        "playlist add",
        Map.of("name", "Slashed", "query", "low hum"),
        "📃 Added 1 track\\(s\\) to \\*\\*Slashed");
    slash(
        "alice",
        "playlist queue",
        Map.of("name", "Slashed"),
        "📥 Loading \\*\\*2\\*\\* tracks from \\*\\*Slashed");
    bot().awaitReply("music", "✅ Queued 2/2 tracks from \\*\\*Slashed");
    slash(
        "alice",
        "queue",
        Map.of(),
        "▶ \\*\\*Quiet Tone\\*\\*.*1\\. \\*\\*High Beep\\*\\*.*2\\. \\*\\*Low Hum");
    slash("alice", "skip", Map.of(), "⏭ Skipped \\*\\*Quiet Tone");
    awaitNowPlaying(played.id, "High Beep");
    slash("alice", "playlist delete", Map.of("name", "Slashed"), "🗑 Deleted the playlist");
  }

  @Test
  @DisplayName(
      "a restart resumes the queue, the playing track and its position, rejoining alice's channel"
          + " (paused as it was, heard again on resume); a playlist and who may change it persist")
  void restartResumes() throws Exception {
    joinVoice("alice", "Music");
    bot().post("alice", "music", "!playlist create Kept");
    bot().awaitReply("music", "📃 Created the playlist \\*\\*Kept");
    bot().post("alice", "music", "!playlist add Kept low hum");
    bot().awaitReply("music", "📃 Added 1 track\\(s\\) to \\*\\*Kept");
    bot().post("alice", "music", "!play long drone");
    bot().awaitReply("music", "🎶 Playing \\*\\*Long Drone");
    awaitHeard("the drone", s -> s.levelDbfs() > -15);
    bot().post("alice", "music", "!play high beep");
    bot().awaitReply("music", "➕ Queued \\*\\*High Beep");
    bot().post("alice", "music", "!seek 8");
    bot().awaitReply("music", "⏩ Jumped to 0:08");
    // Paused, so the position the restart must keep stays where !now shows it.
    bot().post("alice", "music", "!pause");
    bot().awaitReply("music", "⏸ Paused");
    bot().post("alice", "music", "!now");
    String before = position(bot().awaitReply("music", "^⏸ \\*\\*Long Drone").content);
    assertThat(before).as("past the seek").isGreaterThanOrEqualTo("0:08");

    bot().restartBot();
    bot()
        .awaitReply(
            bot().channel("music"),
            "🔁 Back after a restart: \\*\\*Long Drone\\*\\* resumed",
            PATIENCE);
    assertThat(botVoice()).contains(voiceChannel("Music").id);
    bot().post("alice", "music", "!now");
    SimMessage now = bot().awaitReply("music", "\\*\\*Long Drone\\*\\*\\n");
    assertThat(now.content)
        .as("paused as it was, the queue behind it")
        .startsWith("⏸")
        .endsWith(" 1 waiting");
    assertThat(position(now.content)).as("the position kept").isEqualTo(before);
    bot().post("alice", "music", "!resume");
    bot().awaitReply("music", "▶ Resumed");
    awaitHeard("the drone again, on a new connection", s -> s.connected() && s.packets() > 10);
    bot().post("alice", "music", "!queue");
    bot().awaitReply("music", "1\\. \\*\\*High Beep");

    bot().post("bob", "music", "!playlist show Kept");
    bot().awaitReply("music", "\\*\\*Kept\\*\\*, 1 tracks:\\n1\\. \\*\\*Low Hum");
    bot().post("bob", "music", "!playlist delete Kept");
    bot().awaitReply("music", "Only <@" + userId("alice") + ">, who made \\*\\*Kept\\*\\*");
    bot().post("alice", "music", "!playlist delete Kept");
    bot().awaitReply("music", "🗑 Deleted the playlist \\*\\*Kept");
  }

  /** The position in a now-playing answer's progress bar ("0:12" of "0:12 / 0:20"). */
  private static String position(String now) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(" (\\d+:\\d\\d) / ").matcher(now);
    assertThat(m.find()).as("a progress bar in " + now).isTrue();
    return m.group(1);
  }
}
