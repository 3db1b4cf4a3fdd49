package dev.cogworks.sim.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimHttp;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimUser;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.ApplicationInfo;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.CloseCode;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Privileged intents are the application's portal switches (C6, C21, C21b)")
class PrivilegedIntentsTest {
  private DiscordSim sim;
  private SimGuild guild;
  private JDA jda;

  @BeforeEach
  void start() {
    sim = DiscordSim.start(SimOptions.defaults());
    guild = SandboxSeed.apply(sim.control());
  }

  @AfterEach
  void stop() {
    if (jda != null) {
      jda.shutdownNow();
    }
    sim.close();
  }

  @Test
  @DisplayName(
      "given an app without Message Content, when JDA identifies with it, login fails: 4014")
  void disallowedIntentClosesWith4014() {
    SimBot bot = sim.control().createBot("cogworks");
    CompletableFuture<ShutdownEvent> shutdown = new CompletableFuture<>();
    JDA refused =
        SimJda.builder(sim, bot, Compression.ZLIB)
            .setEnabledIntents(
                GatewayIntent.GUILD_MESSAGES,
                GatewayIntent.MESSAGE_CONTENT,
                GatewayIntent.GUILD_EXPRESSIONS)
            .setChunkingFilter(ChunkingFilter.NONE)
            .setMemberCachePolicy(MemberCachePolicy.NONE)
            .addEventListeners(
                (EventListener)
                    event -> {
                      if (event instanceof ShutdownEvent e) {
                        shutdown.complete(e);
                      }
                    })
            .build();
    try {
      assertThatThrownBy(refused::awaitReady)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("intent");
      assertThat(shutdown.orTimeout(10, TimeUnit.SECONDS).join().getCloseCode())
          .isEqualTo(CloseCode.DISALLOWED_INTENTS);
    } finally {
      refused.shutdownNow();
    }
  }

  @Test
  @DisplayName("given the switch turned on through the control API, the same login succeeds")
  void switchOnThroughControlApi() throws InterruptedException {
    SimBot bot = sim.control().createBot("cogworks");
    SimHttp.Answer patched =
        SimHttp.control(sim)
            .send(
                "PATCH",
                "_sim/bots/" + bot.user.id,
                "{\"privileged_intents\":[\"GUILD_MEMBERS\",\"MESSAGE_CONTENT\"]}");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().path("privileged_intents").toString())
        .isEqualTo("[\"GUILD_MEMBERS\",\"MESSAGE_CONTENT\"]");
    assertThat(patched.json().path("flags").asInt()).isEqualTo((1 << 14) | (1 << 18));
    assertThat(patched.json().has("token")).isFalse();

    jda = SimJda.login(sim, bot, Compression.ZLIB);

    ApplicationInfo info = jda.retrieveApplicationInfo().complete();
    assertThat(info.getFlags())
        .contains(
            ApplicationInfo.Flag.GATEWAY_GUILD_MEMBERS,
            ApplicationInfo.Flag.GATEWAY_MESSAGE_CONTENT)
        .doesNotContain(ApplicationInfo.Flag.GATEWAY_PRESENCE);
  }

  @Test
  @DisplayName("a bot created with privileged_intents over HTTP reports them in its flags")
  void createdWithIntents() {
    SimHttp.Answer created =
        SimHttp.control(sim)
            .post(
                "_sim/bots",
                "{\"username\":\"helper\",\"privileged_intents\":[\"GUILD_PRESENCES\"]}");
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().path("flags").asInt()).isEqualTo(1 << 12);
    SimHttp.Answer app =
        new SimHttp(sim, created.json().path("token").asText()).get("applications/@me");
    assertThat(app.json().path("flags").asInt()).isEqualTo(1 << 12);
    SimHttp.Answer unknown =
        SimHttp.control(sim)
            .post("_sim/bots", "{\"username\":\"x\",\"privileged_intents\":[\"GUILD_VOICE\"]}");
    assertThat(unknown.status()).isEqualTo(400);
  }

  @Test
  @DisplayName(
      "given an app without Message Content, REST history is blank except its own and mentioning"
          + " messages; with the switch on it is whole, whatever the session identified")
  void restContentFollowsTheApplication() throws InterruptedException {
    SimBot bot = sim.control().createBot("cogworks");
    jda =
        SimJda.builder(sim, bot, Compression.ZLIB)
            .setEnabledIntents(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_EXPRESSIONS)
            .setChunkingFilter(ChunkingFilter.NONE)
            .setMemberCachePolicy(MemberCachePolicy.NONE)
            .build()
            .awaitReady();
    long channelId = sim.control().channelByName(guild.id, "general").orElseThrow().id;
    SimUser alice = sim.control().userByName("alice").orElseThrow();
    sim.control().postMessage(channelId, alice.id, "secret text");
    sim.control().postMessage(channelId, alice.id, "hello <@" + bot.user.id + ">");
    TextChannel channel = jda.getTextChannelById(channelId);
    channel.sendMessage("from the bot").complete();

    assertThat(contents(channel))
        .containsExactly("from the bot", "hello <@" + bot.user.id + ">", "");

    sim.control().setPrivilegedIntents(bot.user.id, EnumSet.of(PrivilegedIntent.MESSAGE_CONTENT));
    assertThat(contents(channel))
        .containsExactly("from the bot", "hello <@" + bot.user.id + ">", "secret text");
  }

  private static List<String> contents(TextChannel channel) {
    return channel.getHistory().retrievePast(10).complete().stream()
        .map(Message::getContentRaw)
        .toList();
  }

  @Test
  @DisplayName("List Guild Members is 403 Missing Access without the members switch, 200 with it")
  void listMembersNeedsTheSwitch() throws InterruptedException {
    SimBot bot = sim.control().createBot("cogworks");
    jda =
        SimJda.builder(sim, bot, Compression.ZLIB)
            .setEnabledIntents(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_EXPRESSIONS)
            .setChunkingFilter(ChunkingFilter.NONE)
            .setMemberCachePolicy(MemberCachePolicy.NONE)
            .build()
            .awaitReady();
    SimHttp http = new SimHttp(sim, bot.token);
    SimHttp.Answer refused = http.get("guilds/" + guild.id + "/members?limit=10");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("code").asInt()).isEqualTo(50001);
    assertThat(refused.json().path("message").asText()).isEqualTo("Missing Access");

    sim.control().setPrivilegedIntents(bot.user.id, EnumSet.of(PrivilegedIntent.GUILD_MEMBERS));
    JsonNode members = http.get("guilds/" + guild.id + "/members?limit=10").json();
    assertThat(members).hasSize(guild.members.size());
    // JDA's own call for one member by id needs no switch.
    assertThat(
            jda.getGuildById(guild.id)
                .retrieveMemberById(sim.control().userByName("bob").orElseThrow().id)
                .complete()
                .getUser()
                .getName())
        .isEqualTo("bob");
  }

  @Test
  @DisplayName("given the switch turned off, REST refuses at once while JDA's session stays up")
  void switchOffAppliesToRestAtOnce() throws InterruptedException {
    SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    jda = SimJda.login(sim, bot, Compression.ZLIB);
    sim.control().setPrivilegedIntents(bot.user.id, PrivilegedIntent.none());
    SimHttp.Answer refused = new SimHttp(sim, bot.token).get("guilds/" + guild.id + "/members");
    assertThat(refused.status()).isEqualTo(403);
    await()
        .during(java.time.Duration.ofMillis(300))
        .until(() -> jda.getStatus() == JDA.Status.CONNECTED);
  }
}
