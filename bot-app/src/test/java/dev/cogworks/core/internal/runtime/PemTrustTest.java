package dev.cogworks.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.neovisionaries.ws.client.WebSocketFactory;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code discord.voice_trust_pem}: the bot trusts discord-sim's self-signed voice gateway, and only
 * the certificate it was given (checks stay on).
 */
class PemTrustTest {
  @TempDir Path dir;

  @Test
  @DisplayName("with the simulator's PEM, real JDA connects to its voice gateway over TLS")
  void jdaConnectsToVoice() throws Exception {
    try (DiscordSim sim = DiscordSim.start()) {
      SimGuild guild = SandboxSeed.apply(sim.control());
      SimBot bot = sim.control().createBot("player", PrivilegedIntent.all());
      Path pem = Files.writeString(dir.resolve("voice.pem"), sim.voice().certificatePem());
      String gateway = sim.gatewayUrl();
      JDA jda =
          JDABuilder.create(
                  bot.token,
                  EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_VOICE_STATES))
              .enableCache(CacheFlag.VOICE_STATE)
              .setRestConfig(new RestConfig().setBaseUrl(sim.restBaseUrl()))
              .setWebsocketFactory(
                  new WebSocketFactory()
                      .setConnectionTimeout(10_000)
                      .setSSLContext(PemTrust.sslContext(pem)))
              .setSessionController(
                  new ConcurrentSessionController() {
                    @Override
                    public String getGateway() {
                      return gateway;
                    }
                  })
              .build()
              .awaitReady();
      try {
        var guildInJda = jda.getGuildById(guild.id);
        guildInJda
            .getAudioManager()
            .openAudioConnection(guildInJda.getVoiceChannelsByName("Music", false).get(0));

        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    sim.voice()
                        .latest(guild.id, bot.user.id)
                        .map(s -> s.connected())
                        .orElse(false));
      } finally {
        jda.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName("another simulator's certificate is refused: nothing is trusted blindly")
  void otherCertificateRefused() throws Exception {
    try (DiscordSim sim = DiscordSim.start();
        DiscordSim other = DiscordSim.start()) {
      Path pem = Files.writeString(dir.resolve("other.pem"), other.voice().certificatePem());

      try (SSLSocket socket =
          (SSLSocket)
              PemTrust.sslContext(pem)
                  .getSocketFactory()
                  .createSocket("localhost", sim.voice().gatewayPort())) {
        assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
      }
      try (SSLSocket socket =
          (SSLSocket)
              PemTrust.sslContext(pem)
                  .getSocketFactory()
                  .createSocket("localhost", other.voice().gatewayPort())) {
        socket.startHandshake();
        assertThat(socket.getSession().getPeerCertificates()).hasSize(1);
      }
    }
  }
}
