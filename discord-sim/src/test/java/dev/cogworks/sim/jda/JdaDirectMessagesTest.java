package dev.cogworks.sim.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimHttp;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimUser;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Real JDA and direct messages: a user writes to the bot privately, it answers")
class JdaDirectMessagesTest {
  private DiscordSim sim;
  private SimUser alice;
  private final List<JDA> clients = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    sim = DiscordSim.start();
    SandboxSeed.apply(sim.control());
    alice = sim.control().userByName("alice").orElseThrow();
  }

  @AfterEach
  void stop() {
    clients.forEach(JDA::shutdownNow);
    sim.close();
  }

  /** A bot without MESSAGE_CONTENT: Discord shows DM content anyway. */
  private JDA login(SimBot bot, EnumSet<GatewayIntent> intents, Object listener)
      throws InterruptedException {
    JDA jda =
        JDABuilder.create(bot.token, intents)
            .setRestConfig(new RestConfig().setBaseUrl(sim.restBaseUrl()))
            .setSessionController(new SimJda.SimSessionController(sim.gatewayUrl()))
            .addEventListeners(listener)
            .build()
            .awaitReady();
    clients.add(jda);
    return jda;
  }

  /** Answers every private message through user.openPrivateChannel(), as bots usually do. */
  private static final class EchoBot extends ListenerAdapter {
    final List<MessageReceivedEvent> received = new CopyOnWriteArrayList<>();

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
      received.add(event);
      if (event.isFromType(ChannelType.PRIVATE) && !event.getAuthor().isBot()) {
        event
            .getAuthor()
            .openPrivateChannel()
            .flatMap(dm -> dm.sendMessage("you said: " + event.getMessage().getContentRaw()))
            .queue();
      }
    }
  }

  @Test
  @DisplayName(
      "given a bot with DIRECT_MESSAGES and no MESSAGE_CONTENT, when alice writes to it privately,"
          + " then it gets a PrivateChannel MessageReceivedEvent with the content and its answer"
          + " lands in the same DM")
  void botAnswersPrivately() throws Exception {
    SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    EchoBot echo = new EchoBot();
    login(bot, EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES), echo);

    SimMessage sent = sim.control().postDirectMessage(alice.id, bot.user.id, "hello bot");

    await().atMost(Duration.ofSeconds(10)).until(() -> !echo.received.isEmpty());
    MessageReceivedEvent event = echo.received.get(0);
    assertThat(event.isFromGuild()).isFalse();
    assertThat(event.getChannel()).isInstanceOf(PrivateChannel.class);
    assertThat(event.getChannel().getIdLong()).isEqualTo(sent.channelId);
    assertThat(event.getMessage().getContentRaw()).isEqualTo("hello bot");
    assertThat(event.getAuthor().getIdLong()).isEqualTo(alice.id);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sim.control().messages(sent.channelId).size() == 2);
    SimMessage answer = sim.control().messages(sent.channelId).get(1);
    assertThat(answer.author.id).isEqualTo(bot.user.id);
    assertThat(answer.content).isEqualTo("you said: hello bot");
  }

  @Test
  @DisplayName(
      "given a bot without DIRECT_MESSAGES, when alice writes to it, then it hears nothing")
  void noIntentNoDirectMessages() throws Exception {
    SimBot deaf = sim.control().createBot("deaf", PrivilegedIntent.all());
    EchoBot echo = new EchoBot();
    login(deaf, EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT), echo);
    SimBot other = sim.control().createBot("other", PrivilegedIntent.all());
    EchoBot otherEcho = new EchoBot();
    login(other, EnumSet.of(GatewayIntent.DIRECT_MESSAGES), otherEcho);

    sim.control().postDirectMessage(alice.id, deaf.user.id, "anyone there?");
    // A marker after it: once the other bot has its own DM, the first was dispatched too.
    sim.control().postDirectMessage(alice.id, other.user.id, "marker");

    await().atMost(Duration.ofSeconds(10)).until(() -> !otherEcho.received.isEmpty());
    await().during(Duration.ofMillis(300)).until(() -> echo.received.isEmpty());
    assertThat(otherEcho.received.get(0).getMessage().getContentRaw()).isEqualTo("marker");
  }

  @Test
  @DisplayName(
      "given a bot, when it opens a DM with alice over REST twice, then it is the same type 1"
          + " channel, readable with GET /channels/{id} and its history")
  void createDmOverRest() {
    SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    SimHttp rest = new SimHttp(sim, bot.token);
    String body = "{\"recipient_id\":\"" + alice.id + "\"}";

    JsonNode first = rest.post("users/@me/channels", body).json();
    JsonNode second = rest.post("users/@me/channels", body).json();

    assertThat(first.path("type").asInt()).isEqualTo(SimChannel.DM);
    assertThat(second.path("id").asText()).isEqualTo(first.path("id").asText());
    assertThat(first.has("guild_id")).isFalse();
    assertThat(first.path("recipients").get(0).path("id").asText())
        .isEqualTo(Long.toString(alice.id));
    String channel = first.path("id").asText();
    assertThat(rest.get("channels/" + channel).json().path("type").asInt()).isEqualTo(1);
    assertThat(rest.post("channels/" + channel + "/messages", "{\"content\":\"hi\"}").status())
        .isEqualTo(200);
    JsonNode history = rest.get("channels/" + channel + "/messages").json();
    assertThat(history).hasSize(1);
    assertThat(history.get(0).has("guild_id")).isFalse();
    assertThat(history.get(0).has("member")).isFalse();
  }

  @Test
  @DisplayName(
      "given a DM, then another bot cannot read it (50001), the bot cannot delete alice's message"
          + " in it (50003) and cannot write to a user it shares no guild with (50007)")
  void dmRules() {
    SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    SimBot stranger = sim.control().createBot("stranger", PrivilegedIntent.all());
    SimMessage fromAlice = sim.control().postDirectMessage(alice.id, bot.user.id, "secret");
    String channel = Long.toString(fromAlice.channelId);

    assertThat(
            new SimHttp(sim, stranger.token).get("channels/" + channel).json().path("code").asInt())
        .isEqualTo(50001);
    SimHttp rest = new SimHttp(sim, bot.token);
    assertThat(
            rest.send("DELETE", "channels/" + channel + "/messages/" + fromAlice.id, null)
                .json()
                .path("code")
                .asInt())
        .isEqualTo(50003);
    SimUser loner = sim.control().createUser("loner");
    String lonerDm =
        rest.post("users/@me/channels", "{\"recipient_id\":\"" + loner.id + "\"}")
            .json()
            .path("id")
            .asText();
    SimHttp.Answer refused = rest.post("channels/" + lonerDm + "/messages", "{\"content\":\"hi\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("code").asInt()).isEqualTo(50007);
  }
}
