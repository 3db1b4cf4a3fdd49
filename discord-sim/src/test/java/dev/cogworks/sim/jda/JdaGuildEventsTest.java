package dev.cogworks.sim.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimHttp;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.TestClock;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.guild.GuildUnavailableEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberRemoveEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberRoleAddEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberRoleRemoveEvent;
import net.dv8tion.jda.api.events.message.MessageBulkDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.role.RoleCreateEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.HierarchyException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Real JDA against discord-sim: roles, members, bulk delete, intents")
class JdaGuildEventsTest {
  private DiscordSim sim;
  private JDA jda;
  private SimGuild guild;
  private final List<GenericEvent> events = new CopyOnWriteArrayList<>();
  private final TestClock clock = TestClock.ticking();

  @AfterEach
  void stop() {
    if (jda != null) {
      jda.shutdownNow();
    }
    sim.close();
  }

  private void start(EnumSet<GatewayIntent> intents) throws InterruptedException {
    sim =
        DiscordSim.start(
            SimOptions.defaults()
                .withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.01))
                .withClock(clock));
    guild = SandboxSeed.apply(sim.control());
    SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    jda =
        SimJda.builder(sim, bot, Compression.ZLIB)
            .setEnabledIntents(intents)
            // JDA splits MESSAGE_DELETE_BULK into single deletes unless told not to.
            .setBulkDeleteSplittingEnabled(false)
            .addEventListeners((net.dv8tion.jda.api.hooks.EventListener) events::add)
            .build()
            .awaitReady();
  }

  private <T> List<T> eventsOf(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private long user(String name) {
    return sim.control().userByName(name).orElseThrow().id;
  }

  @Test
  @DisplayName(
      "The bot leaves (REST), is removed (a kick) and invited back: JDA sees leave and join events")
  void leavesAndRejoins() throws Exception {
    start(SimJda.INTENTS);
    long botId = jda.getSelfUser().getIdLong();

    // A member leaving: GUILD_MEMBER_REMOVE.
    sim.control().removeMember(guild.id, user("bob"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !eventsOf(GuildMemberRemoveEvent.class).isEmpty());
    assertThat(eventsOf(GuildMemberRemoveEvent.class).get(0).getUser().getIdLong())
        .isEqualTo(user("bob"));

    // The bot leaves by itself: 204, GUILD_DELETE, and its managed role is gone.
    jda.getGuildById(guild.id).leave().complete();
    await().atMost(Duration.ofSeconds(5)).until(() -> !eventsOf(GuildLeaveEvent.class).isEmpty());
    assertThat(jda.getGuildById(guild.id)).isNull();
    assertThat(guild.members).doesNotContainKey(botId);
    assertThat(guild.roles.values()).noneMatch(r -> r.managed);

    // Invited back: GUILD_CREATE for a guild JDA does not know is a join. JDA chunks the guild
    // again, and Discord answers one full member request per guild per 30 s.
    clock.advance(Duration.ofSeconds(30));
    sim.control().inviteBot(guild.id, botId, SimControl.DEFAULT_BOT_PERMISSIONS);
    await().atMost(Duration.ofSeconds(5)).until(() -> !eventsOf(GuildJoinEvent.class).isEmpty());
    assertThat(jda.getGuildById(guild.id).getSelfMember().getRoles()).hasSize(1);

    // Removed by an admin: the same GUILD_DELETE; leaving a guild it is not in is 10004.
    sim.control().removeMember(guild.id, botId);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(eventsOf(GuildLeaveEvent.class)).hasSize(2));
    assertThat(eventsOf(GuildUnavailableEvent.class)).isEmpty();
    SimBot self = sim.control().state().botsByUserId.get(botId);
    SimHttp.Answer again =
        new SimHttp(sim, self.token).send("DELETE", "users/@me/guilds/" + guild.id, null);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().path("code").asInt()).isEqualTo(10004);
  }

  @Test
  @DisplayName("Roles created in the guild reach JDA; the bot gives and takes roles below its own")
  void managesRolesWithinHierarchy() throws Exception {
    start(SimJda.INTENTS);
    SimRole dj = sim.control().createRole(guild.id, "DJ", 0, 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> !eventsOf(RoleCreateEvent.class).isEmpty());
    Guild jdaGuild = jda.getGuildById(guild.id);
    Role role = jdaGuild.getRoleById(dj.id);
    Member alice = jdaGuild.getMemberById(user("alice"));

    jdaGuild.addRoleToMember(alice, role).complete();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(eventsOf(GuildMemberRoleAddEvent.class)).hasSize(1));
    jdaGuild.removeRoleFromMember(alice, role).complete();

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(eventsOf(GuildMemberRoleRemoveEvent.class)).hasSize(1));
    assertThat(guild.members.get(alice.getIdLong()).roleIds).doesNotContain(dj.id);
    Role administrator = jdaGuild.getRolesByName("Administrator", false).get(0);
    assertThat(administrator.getPosition())
        .isLessThan(jdaGuild.getSelfMember().getRoles().get(0).getPosition());
  }

  @Test
  @DisplayName(
      "A role above the bot's is refused: by JDA's own check, and by the simulator with 50013")
  void refusesRolesAboveTheBot() throws Exception {
    start(SimJda.INTENTS);
    SimRole top =
        sim.control().createRole(guild.id, "Owner's circle", Permission.ADMINISTRATOR, 100);
    await().atMost(Duration.ofSeconds(5)).until(() -> !eventsOf(RoleCreateEvent.class).isEmpty());
    Guild jdaGuild = jda.getGuildById(guild.id);
    Member bob = jdaGuild.getMemberById(user("bob"));

    assertThatThrownBy(() -> jdaGuild.addRoleToMember(bob, jdaGuild.getRoleById(top.id)).complete())
        .isInstanceOf(HierarchyException.class);
    // JDA checks the hierarchy itself; a raw request shows the simulator's own answer.
    var answer =
        new dev.cogworks.sim.SimHttp(
                sim, sim.control().state().botsByUserId.values().iterator().next().token)
            .send(
                "PUT", "guilds/" + guild.id + "/members/" + bob.getId() + "/roles/" + top.id, null);
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().path("code").asInt()).isEqualTo(50013);
  }

  @Test
  @DisplayName("JDA bulk-deletes messages and receives MESSAGE_DELETE_BULK")
  void bulkDeletes() throws Exception {
    start(SimJda.INTENTS);
    TextChannel general = jda.getTextChannelsByName("general", false).get(0);
    List<Message> sent =
        List.of(
            general.sendMessage("a").complete(),
            general.sendMessage("b").complete(),
            general.sendMessage("c").complete());

    general.deleteMessages(sent).complete();

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(eventsOf(MessageBulkDeleteEvent.class))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getMessageIds()).hasSize(3)));
    assertThat(general.getHistory().retrievePast(10).complete()).isEmpty();
  }

  @Test
  @DisplayName("Deleting a message that is gone is Unknown Message (10008) to JDA")
  void unknownMessageReachesJdaAsErrorResponse() throws Exception {
    start(SimJda.INTENTS);
    TextChannel general = jda.getTextChannelsByName("general", false).get(0);
    Message message = general.sendMessage("short-lived").complete();
    message.delete().complete();

    assertThatThrownBy(() -> general.deleteMessageById(message.getIdLong()).complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MESSAGE));
  }

  @Test
  @DisplayName("Without MESSAGE_CONTENT the bot sees no content, except where it is mentioned")
  void messageContentNeedsTheIntent() throws Exception {
    start(
        EnumSet.of(
            GatewayIntent.GUILD_MESSAGES,
            GatewayIntent.GUILD_MEMBERS,
            GatewayIntent.GUILD_EXPRESSIONS));
    SimChannel general = sim.control().channelByName(guild.id, "general").orElseThrow();

    sim.control().postMessage(general.id, user("alice"), "!ping");
    sim.control()
        .postMessage(general.id, user("alice"), "<@" + jda.getSelfUser().getId() + "> ping");

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(eventsOf(MessageReceivedEvent.class)).hasSize(2));
    List<String> contents =
        eventsOf(MessageReceivedEvent.class).stream()
            .map(e -> e.getMessage().getContentRaw())
            .toList();
    assertThat(contents).containsExactly("", "<@" + jda.getSelfUser().getId() + "> ping");
  }
}
