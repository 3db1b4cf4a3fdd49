package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.music.MusicCog;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.testkit.PostgresTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.Member;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox with the music cog: its generated library is served by the simulator's own server
 * under /media/, and exactly that origin is let through the cog's private-address guard.
 */
@DisplayName(
    "The sandbox plays its library by URL from its own server; other loopback URLs stay refused")
class SandboxMusicTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir Path work;

  @Test
  @DisplayName(
      "!play <sandbox>/media/<file> is heard in voice; localhost on the same port and the admin"
          + " server's 127.0.0.1 origin are refused")
  void playsItsOwnMedia() throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    Map<String, Object> settings =
        Map.of(
            "sandbox.port", 0,
            "database.data_dir", PostgresTemplate.seeded(work.resolve("pg")),
            "cogs.plugins_dir", work.resolve("plugins").toString(),
            "admin.port", 0,
            "admin.token_file", work.resolve("admin-token").toString(),
            "shutdown.deadline", "5s",
            "music.library_dir", work.resolve("media").toString());
    try (Sandbox sandbox =
        Sandbox.start(
            ConfigLoader.load(null, ConfigFactory.parseMap(settings), loader),
            List.of(new MusicCog()),
            loader)) {
      assertThat(work.resolve("media/Tone A880 1s.wav")).isRegularFile();
      SimControl control = sandbox.sim().control();
      long guild = control.guildByName("Sandbox").orElseThrow().id;
      long music = control.channelByName(guild, "music").orElseThrow().id;
      long voice = control.channelByName(guild, "Music").orElseThrow().id;
      long alice = control.userByName("alice").orElseThrow().id;
      long bot = sandbox.bot().shards().getShards().get(0).getSelfUser().getIdLong();

      sandbox.sim().voiceStates().move(guild, alice, voice);
      await("alice in voice, as the bot sees it")
          .atMost(PATIENCE)
          .until(
              () -> {
                Member member = sandbox.bot().shards().getGuildById(guild).getMemberById(alice);
                return member != null
                    && member.getVoiceState() != null
                    && member.getVoiceState().getChannel() != null;
              });

      // A reload reads the configuration again: the sandbox's own origin is no change (this
      // test's settings are, since they are in no file the reload reads).
      assertThat(sandbox.bot().reloads().reload("test").needsRestart())
          .isNotEmpty()
          .doesNotContain("music.http.allow_private_hosts");

      String own = sandbox.url() + "media/Tone%20A880%201s.wav";
      ask(control, music, alice, "!play " + own, "🎶 Playing \\*\\*Tone A880 1s\\.wav");
      await("the tone heard from the sandbox's own URL")
          .atMost(PATIENCE)
          .until(
              () ->
                  sandbox
                      .sim()
                      .voice()
                      .latest(guild, bot)
                      .map(s -> s.packets() > 10)
                      .orElse(false));

      String port = own.replaceFirst("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1");
      ask(
          control,
          music,
          alice,
          "!play http://localhost:" + port + "/media/Tone%20A880%201s.wav",
          "localhost leads to a private or local address");
      String admin = sandbox.bot().admin().orElseThrow().server().url();
      String adminOrigin = admin.replaceFirst("^http://([^/]+)/.*$", "$1");
      ask(
          control,
          music,
          alice,
          "!play " + admin + "media/Tone%20A880%201s.wav",
          Pattern.quote(adminOrigin) + " leads to a private or local address");
    }
  }

  /** alice posts {@code content}; waits for the bot's answer after it matching {@code regex}. */
  private static SimMessage ask(
      SimControl control, long channel, long user, String content, String regex) {
    SimMessage posted = control.postMessage(channel, user, content);
    Pattern pattern = Pattern.compile(regex);
    return await("an answer matching " + regex)
        .atMost(PATIENCE)
        .until(
            () ->
                control.messages(channel).stream()
                    .filter(m -> m.id > posted.id && m.author.bot)
                    .filter(m -> pattern.matcher(m.content).find())
                    .findFirst(),
            found -> found.isPresent())
        .orElseThrow();
  }
}
