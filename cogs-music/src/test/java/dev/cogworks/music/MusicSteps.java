package dev.cogworks.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimInteraction;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimVoiceState;
import dev.cogworks.sim.rest.InteractionRoutes;
import dev.cogworks.sim.voice.VoiceStats;
import dev.cogworks.testkit.CogworksHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;

/**
 * What the music tests do: a library of clips written at class start (tones of different pitch and
 * level, a playlist with broken entries), people joining voice through the simulator's control API,
 * and what the simulator's voice server heard from the bot.
 */
abstract class MusicSteps {
  static final Duration PATIENCE = Duration.ofSeconds(20);
  static final Path LIBRARY = library();

  abstract CogworksHarness bot();

  abstract MusicCog cog();

  static CogworksHarness harness(MusicCog cog, String mode) {
    return CogworksHarness.with(cog)
        .config("messaging.mode", mode)
        .config("music.library_dir", LIBRARY.toString())
        .config("music.queue_max", 24)
        .config("music.user_share", 1.0)
        .config("music.http.allow_private_hosts", java.util.List.of("127.0.0.1", "localhost"));
  }

  private static Path library() {
    try {
      Path dir = Files.createTempDirectory("cogworks-music-library");
      dir.toFile().deleteOnExit();
      Clips.tone(dir.resolve("Low Hum.wav"), 220, 1500, 0.5);
      Clips.tone(dir.resolve("High Beep.wav"), 1760, 1500, 0.5);
      Clips.tone(dir.resolve("Quiet Tone.wav"), 440, 5000, 0.02);
      Clips.tone(dir.resolve("Long Drone.wav"), 330, 20000, 0.5);
      Clips.tone(dir.resolve("blips/Blip.wav"), 880, 100, 0.5);
      StringBuilder twenty = new StringBuilder("#EXTM3U\n");
      for (int i = 1; i <= 20; i++) {
        twenty
            .append(
                switch (i) {
                  case 4 -> "missing.wav";
                  case 9 -> "../../etc/passwd";
                  case 15 -> "notes.txt";
                  default -> "blips/Blip.wav";
                })
            .append('\n');
      }
      Files.writeString(dir.resolve("Twenty.m3u"), twenty.toString());
      Files.writeString(dir.resolve("notes.txt"), "not audio");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void everyoneLeaves() {
    // The next test starts with no player and nobody in voice.
    cog().shutDown(guildId());
    for (SimVoiceState state : bot().guild().voiceStates.values()) {
      if (state.userId() != botId()) {
        bot().sim().voiceStates().move(guildId(), state.userId(), null);
      }
    }
    await("the bot out of voice")
        .atMost(PATIENCE)
        .until(() -> !bot().guild().voiceStates.containsKey(botId()));
  }

  long guildId() {
    return bot().guild().id;
  }

  long botId() {
    return bot().botUser().id;
  }

  long userId(String name) {
    return bot().user(name).id;
  }

  SimChannel voiceChannel(String name) {
    return bot().channel(name);
  }

  /** {@code user} joins a voice channel, once the bot sees it. */
  void joinVoice(String user, String channel) {
    long id = userId(user);
    long channelId = voiceChannel(channel).id;
    bot().sim().voiceStates().move(guildId(), id, channelId);
    await(user + " in voice, as the bot sees it")
        .atMost(PATIENCE)
        .until(() -> cog().voice().channelOf(guildId(), id).orElse(0) == channelId);
  }

  void leaveVoice(String user) {
    bot().sim().voiceStates().move(guildId(), userId(user), null);
  }

  /** The bot's voice channel in the simulator, if it is in one. */
  Optional<Long> botVoice() {
    return Optional.ofNullable(bot().guild().voiceStates.get(botId()))
        .map(SimVoiceState::channelId);
  }

  /** What the simulator heard on the bot's newest voice connection. */
  Optional<VoiceStats> heard() {
    return bot().sim().voice().latest(guildId(), botId());
  }

  /** Waits until what the simulator heard matches. */
  VoiceStats awaitHeard(String what, Predicate<VoiceStats> condition) {
    return await(what)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> heard().filter(condition).orElse(null), s -> s != null);
  }

  /** Whether the bot said something matching {@code regex} after message {@code afterId}. */
  boolean botSaid(long afterId, String regex) {
    java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
    return bot().botMessages("music").stream()
        .anyMatch(m -> m.id > afterId && pattern.matcher(m.content).find());
  }

  /**
   * {@code user} runs {@code /commandLine} in #music; waits for the answer matching {@code regex}
   * among the messages the interaction's token addressed (its original response, or an ephemeral
   * follow-up that replaced it) and returns it. The bot must have acknowledged with a deferral: the
   * simulator takes a callback only within Discord's 3 s window.
   */
  SimMessage slash(String user, String commandLine, Map<String, ?> options, String regex) {
    SimInteraction interaction = bot().slash(user, "music", commandLine, options);
    java.util.regex.Pattern pattern =
        java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.DOTALL);
    SimMessage answer =
        await("/" + commandLine + " answered with " + regex)
            .atMost(PATIENCE)
            .until(
                () ->
                    bot().sim().control().messages(interaction.channelId).stream()
                        .filter(m -> interaction.messageIds.contains(m.id))
                        .filter(m -> !m.deleted() && !m.loading())
                        .filter(m -> pattern.matcher(m.content).find())
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(interaction.responseType)
        .as("/" + commandLine + " acknowledged with a deferred reply")
        .isEqualTo(InteractionRoutes.DEFERRED_REPLY);
    return answer;
  }

  /** Waits until the now-playing message names {@code title}. */
  void awaitNowPlaying(long afterId, String title) {
    await("now playing " + title)
        .atMost(PATIENCE)
        .until(
            () ->
                bot().botMessages("music").stream()
                    .anyMatch(
                        m -> m.id > afterId && m.content.startsWith("▶ Now playing **" + title)));
  }
}
