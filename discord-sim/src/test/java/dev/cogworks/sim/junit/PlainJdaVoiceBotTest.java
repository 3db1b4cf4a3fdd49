package dev.cogworks.sim.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.voice.ClipSender;
import dev.cogworks.sim.voice.OpusClip;
import dev.cogworks.sim.voice.VoiceStats;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plain JDA bot (not Cogworks) plays audio in the sandbox's voice channel through the extension
 * alone: its builder already trusts the voice gateway's certificate.
 */
@DisplayName("DiscordSimExtension tests a plain JDA bot that plays audio")
class PlainJdaVoiceBotTest {
  @RegisterExtension static DiscordSimExtension sim = DiscordSimExtension.withSandbox();

  static JDA jda;

  @AfterAll
  static void logout() {
    if (jda != null) {
      jda.shutdownNow();
    }
  }

  @Test
  @DisplayName("the bot joins Music and its 25 frames arrive")
  void playsInVoice() throws InterruptedException {
    jda =
        sim.jdaBuilder(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_VOICE_STATES)
            .enableCache(CacheFlag.VOICE_STATE)
            .build()
            .awaitReady();
    Guild guild = jda.getGuildById(sim.guild().id);
    ClipSender sender = new ClipSender();
    guild.getAudioManager().setSendingHandler(sender);

    guild
        .getAudioManager()
        .openAudioConnection(guild.getVoiceChannelsByName("Music", false).get(0));
    sender.play(OpusClip.tone(25, 440, 0.25).frames());

    await()
        .until(
            () ->
                sim.voice()
                        .latest(sim.guild().id, sim.bot().user.id)
                        .map(VoiceStats::packets)
                        .orElse(0L)
                    == 25);
    VoiceStats stats = sim.voice().latest(sim.guild().id, sim.bot().user.id).orElseThrow();
    assertThat(stats.lost()).isZero();
    assertThat(stats.decryptFailures()).isZero();
  }
}
