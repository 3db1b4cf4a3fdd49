package dev.cogworks.sim.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimHttp;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimUser;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Real JDA and slash commands in direct messages, as Discord's contexts allow them")
class JdaDirectMessageCommandsTest {
  private static DiscordSim sim;
  private static JDA jda;
  private static SimBot bot;
  private static SimGuild guild;
  private static SimUser alice;
  private static SimChannel dm;
  private static final List<SlashCommandInteractionEvent> received = new CopyOnWriteArrayList<>();

  /** A plain JDA bot: /hello answers in the way its {@code mode} option asks for. */
  private static final class HelloBot extends ListenerAdapter {
    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
      received.add(event);
      String greeting = "hello " + event.getUser().getName();
      String mode =
          event.getOption("mode") == null ? "reply" : event.getOption("mode").getAsString();
      switch (mode) {
        case "ephemeral" -> event.reply(greeting + ", quietly").setEphemeral(true).queue();
        case "deferred" ->
            event
                .deferReply()
                .flatMap(hook -> hook.editOriginal(greeting + ", after thinking"))
                .flatMap(done -> event.getHook().sendMessage("and a follow-up"))
                .queue();
        default -> event.reply(greeting).queue();
      }
    }
  }

  @BeforeAll
  static void start() throws Exception {
    sim = DiscordSim.start();
    guild = SandboxSeed.apply(sim.control());
    alice = sim.control().userByName("alice").orElseThrow();
    bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    jda =
        JDABuilder.create(
                bot.token, EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES))
            .setRestConfig(new RestConfig().setBaseUrl(sim.restBaseUrl()))
            .setSessionController(new SimJda.SimSessionController(sim.gatewayUrl()))
            .addEventListeners(new HelloBot())
            .build()
            .awaitReady();
    jda.updateCommands()
        .addCommands(
            Commands.slash("hello", "Says hello")
                .addOption(OptionType.STRING, "mode", "reply, ephemeral or deferred")
                .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM),
            Commands.slash("serverinfo", "Only in servers")
                .setContexts(InteractionContextType.GUILD))
        .complete();
    jda.getGuildById(guild.id)
        .updateCommands()
        .addCommands(Commands.slash("local", "A guild command"))
        .complete();
    dm = sim.control().openDirectMessage(alice.id, bot.user.id);
  }

  @AfterAll
  static void stop() {
    jda.shutdownNow();
    sim.close();
  }

  @BeforeEach
  void clear() {
    received.clear();
  }

  /** The DM as a client reads it: what the bot's REST history lists, oldest first. */
  private static List<JsonNode> historyAsBotSeesIt() {
    JsonNode history = new SimHttp(sim, bot.token).get("channels/" + dm.id + "/messages").json();
    List<JsonNode> messages = new java.util.ArrayList<>();
    history.forEach(messages::add);
    java.util.Collections.reverse(messages);
    return messages;
  }

  private static List<SimMessage> messagesAfter(int count) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sim.control().messages(dm.id).size() >= count);
    return sim.control().messages(dm.id);
  }

  @Test
  @DisplayName(
      "given /hello with contexts GUILD and BOT_DM, when alice runs it in her DM with the bot, then"
          + " JDA gets a SlashCommandInteractionEvent from a private channel with alice as the user"
          + " and no member, and its reply is in the DM")
  void runsInTheDm() {
    int before = sim.control().messages(dm.id).size();

    sim.control().runDirectMessageCommand(alice.id, bot.user.id, "hello", null);

    await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
    SlashCommandInteractionEvent event = received.get(0);
    assertThat(event.isFromGuild()).isFalse();
    assertThat(event.getGuild()).isNull();
    assertThat(event.getMember()).isNull();
    assertThat(event.getUser().getIdLong()).isEqualTo(alice.id);
    assertThat(event.getChannelType()).isEqualTo(ChannelType.PRIVATE);
    assertThat(event.getChannel().getIdLong()).isEqualTo(dm.id);
    assertThat(event.getContext()).isEqualTo(InteractionContextType.BOT_DM);
    assertThat(event.isGuildCommand()).isFalse();
    SimMessage reply = messagesAfter(before + 1).get(before);
    assertThat(reply.content).isEqualTo("hello alice");
    assertThat(reply.author.id).isEqualTo(bot.user.id);
    assertThat(historyAsBotSeesIt())
        .extracting(m -> m.path("content").asText())
        .contains("hello alice");
  }

  @Test
  @DisplayName(
      "given /hello, when alice asks for an ephemeral answer in the DM, then it is there for her"
          + " only: flag 64, and not in the channel's history")
  void ephemeralInTheDm() {
    int before = sim.control().messages(dm.id).size();

    sim.control()
        .runDirectMessageCommand(
            alice.id, bot.user.id, "hello", Json.object().put("mode", "ephemeral"));

    SimMessage whisper = messagesAfter(before + 1).get(before);
    assertThat(whisper.content).isEqualTo("hello alice, quietly");
    assertThat(whisper.ephemeral()).isTrue();
    assertThat(whisper.interactionMetadata.path("user").path("id").asText())
        .isEqualTo(Long.toString(alice.id));
    assertThat(historyAsBotSeesIt())
        .extracting(m -> m.path("content").asText())
        .doesNotContain("hello alice, quietly");
  }

  @Test
  @DisplayName(
      "given /hello, when the bot defers, edits the original through its hook and follows up,"
          + " then the DM shows the filled-in answer (not marked edited) and a follow-up")
  void deferredInTheDm() {
    int before = sim.control().messages(dm.id).size();

    sim.control()
        .runDirectMessageCommand(
            alice.id, bot.user.id, "hello", Json.object().put("mode", "deferred"));

    List<SimMessage> messages = messagesAfter(before + 2);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sim.control().messages(dm.id).get(before).content.endsWith("thinking"));
    SimMessage answer = sim.control().messages(dm.id).get(before);
    assertThat(answer.content).isEqualTo("hello alice, after thinking");
    assertThat(answer.loading()).isFalse();
    assertThat(answer.editedAt).isNull();
    assertThat(messages.get(before + 1).content).isEqualTo("and a follow-up");
    assertThat(historyAsBotSeesIt())
        .extracting(m -> m.path("content").asText())
        .containsSubsequence("hello alice, after thinking", "and a follow-up");
  }

  @Test
  @DisplayName(
      "given /serverinfo (GUILD only) and /local (a guild command), then neither is offered in the"
          + " DM and running them there is a 400 from the control API, while the guild offers all"
          + " three")
  void notUsableInTheDm() {
    SimHttp control = SimHttp.control(sim);

    JsonNode offered = control.get("_sim/channels/" + dm.id + "/commands").json();
    SimHttp.Answer serverInfo =
        control.post(
            "_sim/interactions",
            "{\"channel_id\":\""
                + dm.id
                + "\",\"user_id\":\""
                + alice.id
                + "\","
                + "\"name\":\"serverinfo\"}");
    SimHttp.Answer local =
        control.post(
            "_sim/interactions",
            "{\"channel_id\":\""
                + dm.id
                + "\",\"user_id\":\""
                + alice.id
                + "\","
                + "\"name\":\"local\"}");

    assertThat(offered).extracting(c -> c.path("name").asText()).containsExactly("hello");
    assertThat(serverInfo.status()).isEqualTo(400);
    assertThat(serverInfo.json().path("message").asText())
        .contains("/serverinfo cannot be used in a DM", "BOT_DM");
    assertThat(local.status()).isEqualTo(400);
    assertThat(local.json().path("message").asText()).contains("a guild command");
    assertThat(received).isEmpty();
    assertThat(control.get("_sim/guilds/" + guild.id + "/commands").json())
        .extracting(c -> c.path("name").asText())
        .containsExactlyInAnyOrder("hello", "serverinfo", "local");
  }

  @Test
  @DisplayName(
      "given /hello run in a server channel, then JDA sees a guild interaction of a global"
          + " command: a member, context GUILD, and no guild_id in the command data")
  void sameCommandInTheGuild() {
    long general = sim.control().channelByName(guild.id, "general").orElseThrow().id;

    sim.control().runCommand(guild.id, general, alice.id, "hello", null);

    await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
    SlashCommandInteractionEvent event = received.get(0);
    assertThat(event.isFromGuild()).isTrue();
    assertThat(event.getMember().getIdLong()).isEqualTo(alice.id);
    assertThat(event.getContext()).isEqualTo(InteractionContextType.GUILD);
    assertThat(event.isGuildCommand()).isFalse();
  }
}
