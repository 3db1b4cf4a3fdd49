package dev.cogworks.sim.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.jda.SimJda;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import java.time.Duration;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.VoiceChannel;
import net.dv8tion.jda.api.managers.AudioManager;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real JDA sends audio to the simulator's voice server: the handshake (IDENTIFY, discovery,
 * SELECT_PROTOCOL, SPEAKING before audio) and what arrives, counted, decrypted in both transport
 * modes and decoded. One simulator and one JDA for the class; streams are short (real time).
 */
class JdaVoiceStreamTest {
  private static DiscordSim sim;
  private static SimBot bot;
  private static SimGuild guild;
  private static JDA jda;
  private final ClipSender sender = new ClipSender();

  @BeforeAll
  static void start() throws InterruptedException {
    sim = DiscordSim.start();
    guild = SandboxSeed.apply(sim.control());
    bot = sim.control().createBot("player", PrivilegedIntent.all());
    jda =
        SimJda.builder(sim, bot, Compression.ZLIB)
            .enableIntents(GatewayIntent.GUILD_VOICE_STATES)
            .enableCache(CacheFlag.VOICE_STATE)
            .build()
            .awaitReady();
  }

  @AfterAll
  static void stop() {
    if (jda != null) {
      jda.shutdownNow();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @AfterEach
  void leave() {
    sim.voice().settings().modes(TransportCipher.ALL_MODES);
    audio().closeAudioConnection();
    await().until(() -> !guild.voiceStates.containsKey(bot.user.id));
  }

  private static AudioManager audio() {
    return jda.getGuildById(guild.id).getAudioManager();
  }

  private VoiceChannel channel(String name) {
    Guild jdaGuild = jda.getGuildById(guild.id);
    return jdaGuild.getVoiceChannelsByName(name, false).get(0);
  }

  /** Joins {@code Music} with only {@code mode} offered and plays {@code clip}; its stats. */
  private VoiceStats play(String mode, OpusClip clip) {
    sim.voice().settings().modes(List.of(mode));
    int before = sim.voice().stats(guild.id).size();
    audio().setSendingHandler(sender);
    audio().openAudioConnection(channel("Music"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                sim.voice().stats(guild.id).size() > before
                    && sim.voice().latest(guild.id, bot.user.id).orElseThrow().speaking() != 0);
    sender.play(clip.frames());
    await().atMost(Duration.ofSeconds(30)).until(() -> stats().packets() >= clip.frames().size());
    // Nothing more arrives: JDA's idle datagrams are empty and never count as audio.
    await().during(Duration.ofMillis(200)).until(() -> stats().packets() == clip.frames().size());
    return stats();
  }

  private static VoiceStats stats() {
    return sim.voice().latest(guild.id, bot.user.id).orElseThrow();
  }

  @Test
  @DisplayName("250 frames sealed with AES-256-GCM arrive in order, decrypt and decode")
  void aesGcm() {
    OpusClip clip = OpusClip.tone(250, 440, 0.25);

    VoiceStats stats = play("aead_aes256_gcm_rtpsize", clip);

    assertThat(stats.mode()).isEqualTo("aead_aes256_gcm_rtpsize");
    assertInOrder(stats, 250);
    assertThat(stats.decodedFrames()).isEqualTo(250);
  }

  @Test
  @DisplayName("250 frames sealed with XChaCha20-Poly1305 arrive in order and decrypt")
  void xchacha() {
    OpusClip clip = OpusClip.tone(250, 440, 0.25);

    VoiceStats stats = play("aead_xchacha20_poly1305_rtpsize", clip);

    assertThat(stats.mode()).isEqualTo("aead_xchacha20_poly1305_rtpsize");
    assertInOrder(stats, 250);
  }

  private static void assertInOrder(VoiceStats stats, int frames) {
    assertThat(stats.packets()).isEqualTo(frames);
    assertThat(stats.lost()).isZero();
    assertThat(stats.outOfOrder()).isZero();
    assertThat(stats.duplicates()).isZero();
    assertThat(stats.timestampJumps()).isZero();
    assertThat(stats.decryptFailures()).isZero();
    // SPEAKING (op 5, non-zero) came before the first packet, as Discord requires.
    assertThat(stats.audioBeforeSpeaking()).isZero();
    assertThat(stats.speaking()).isEqualTo(1);
  }

  @Test
  @DisplayName("a 2-second clip arrives as 100 packets at the level it was made at (±1 dB)")
  void twoSecondClipKeepsItsLevel() {
    OpusClip clip = OpusClip.tone(100, 440, 0.25);

    VoiceStats stats = play("aead_aes256_gcm_rtpsize", clip);

    assertThat(stats.packets()).isBetween(98L, 102L);
    assertThat(stats.meanLevelDbfs()).isCloseTo(clip.sourceLevelDbfs(), within(1.0));
  }

  @Test
  @DisplayName("silence measures as silence and a tone as its level")
  void silenceAndTone() {
    VoiceStats silent = play("aead_aes256_gcm_rtpsize", OpusClip.silence(25));
    assertThat(silent.meanLevelDbfs()).isLessThan(-60);
    leave();

    OpusClip tone = OpusClip.tone(25, 1000, 0.5);
    VoiceStats loud = play("aead_aes256_gcm_rtpsize", tone);
    assertThat(loud.meanLevelDbfs()).isCloseTo(tone.sourceLevelDbfs(), within(1.5));
  }

  @Test
  @DisplayName("IDENTIFY names the guild, the bot, its gateway session and token; DAVE 0")
  void identifyAndDiscovery() {
    play("aead_aes256_gcm_rtpsize", OpusClip.tone(5, 440, 0.25));

    JsonNode identify =
        sim.voice().received().stream()
            .filter(f -> f.path("op").asInt() == 0)
            .reduce((a, b) -> b)
            .orElseThrow()
            .path("d");
    assertThat(identify.path("server_id").asText()).isEqualTo(Long.toString(guild.id));
    assertThat(identify.path("user_id").asText()).isEqualTo(Long.toString(bot.user.id));
    assertThat(identify.path("session_id").asText())
        .isEqualTo(guild.voiceStates.get(bot.user.id).sessionId());
    assertThat(identify.path("token").asText()).isNotBlank();
    assertThat(identify.path("max_dave_protocol_version").asInt()).isZero();
    JsonNode select =
        sim.voice().received().stream()
            .filter(f -> f.path("op").asInt() == 1)
            .reduce((a, b) -> b)
            .orElseThrow()
            .path("d");
    assertThat(select.path("protocol").asText()).isEqualTo("udp");
    // What discovery told JDA about itself comes back in SELECT_PROTOCOL.
    assertThat(select.path("data").path("address").asText()).isEqualTo("127.0.0.1");
    assertThat(select.path("data").path("port").asInt()).isPositive();
    assertThat(sim.voice().udpCounters().path("discoveries").asLong()).isPositive();
    assertThat(stats().daveProtocolVersion()).isZero();
  }
}
