package dev.cogworks.sim.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's example, verbatim: a plain JDA bot (not Cogworks) tested with the extension. */
@DisplayName("DiscordSimExtension tests a plain JDA bot")
class PlainJdaBotTest {
  @RegisterExtension static DiscordSimExtension sim = DiscordSimExtension.withSandbox();

  static JDA jda;

  /** The bot under test: answers "!ping" with "pong". */
  static final class PingBot extends ListenerAdapter {
    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
      if (event.getMessage().getContentRaw().equals("!ping")) {
        event.getChannel().sendMessage("pong").queue();
      }
    }
  }

  @AfterAll
  static void logout() {
    if (jda != null) {
      jda.shutdownNow();
    }
  }

  @Test
  @DisplayName("when alice says !ping in general, the bot answers pong")
  void answersPing() throws InterruptedException {
    jda =
        sim.jdaBuilder(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT)
            .addEventListeners(new PingBot())
            .build()
            .awaitReady();

    sim.control().postMessage(sim.channelId("general"), sim.userId("alice"), "!ping");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sim.control().messages(sim.channelId("general")).size() == 2);
    assertThat(sim.control().messages(sim.channelId("general")).get(1).content).isEqualTo("pong");
  }
}
