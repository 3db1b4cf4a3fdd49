package dev.cogworks.sim.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimHttp;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.model.SimUser;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.role.update.RoleUpdatePositionEvent;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Real JDA hears what people change: message edits and deletions, channels, roles")
class JdaServerChangesTest {
  private DiscordSim sim;
  private SimGuild guild;
  private SimUser alice;
  private JDA jda;
  private final List<GenericEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws InterruptedException {
    sim = DiscordSim.start();
    guild = SandboxSeed.apply(sim.control());
    alice = sim.control().userByName("alice").orElseThrow();
    SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
    jda =
        SimJda.builder(sim, bot, Compression.NONE)
            .addEventListeners((net.dv8tion.jda.api.hooks.EventListener) events::add)
            .build()
            .awaitReady();
  }

  @AfterEach
  void stop() {
    jda.shutdownNow();
    sim.close();
  }

  private <T> T awaitEvent(Class<T> type) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> events.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null),
            e -> e != null);
  }

  private SimChannel general() {
    return sim.control().channelByName(guild.id, "general").orElseThrow();
  }

  @Test
  @DisplayName(
      "when alice edits then deletes her message, JDA gets MessageUpdate then MessageDelete")
  void userEditsAndDeletes() {
    SimMessage message = sim.control().postMessage(general().id, alice.id, "helo");

    sim.control().editMessage(message.id, alice.id, "hello");
    MessageUpdateEvent updated = awaitEvent(MessageUpdateEvent.class);
    sim.control().deleteMessage(message.id, alice.id);
    MessageDeleteEvent deleted = awaitEvent(MessageDeleteEvent.class);

    assertThat(updated.getMessage().getContentRaw()).isEqualTo("hello");
    assertThat(deleted.getMessageIdLong()).isEqualTo(message.id);
  }

  @Test
  @DisplayName("when alice tries to edit bob's message over the control API, it is refused")
  void onlyTheAuthorEdits() {
    SimUser bob = sim.control().userByName("bob").orElseThrow();
    SimMessage message = sim.control().postMessage(general().id, bob.id, "mine");
    SimHttp.Answer answer =
        SimHttp.control(sim)
            .send(
                "PATCH",
                "_sim/channels/" + general().id + "/messages/" + message.id,
                "{\"user_id\":\"" + alice.id + "\",\"content\":\"yours\"}");
    assertThat(answer.status()).isEqualTo(400);
  }

  @Test
  @DisplayName("when a channel is deleted, JDA drops it (ChannelDeleteEvent) and REST says 10003")
  void channelDeleted() {
    SimChannel music = sim.control().channelByName(guild.id, "music").orElseThrow();

    SimHttp.control(sim).send("DELETE", "_sim/channels/" + music.id, null);

    ChannelDeleteEvent deleted = awaitEvent(ChannelDeleteEvent.class);
    assertThat(deleted.getChannel().getIdLong()).isEqualTo(music.id);
    assertThat(jda.getTextChannelById(music.id)).isNull();
  }

  @Test
  @DisplayName("when a channel's overwrites change, JDA sees the new ones (CHANNEL_UPDATE)")
  void overwritesChange() {
    SimChannel roles = sim.control().channelByName(guild.id, "roles").orElseThrow();
    long sendMessages = Permission.MESSAGE_SEND.getRawValue();

    sim.control()
        .setPermissionOverwrites(
            roles.id,
            List.of(new PermissionOverwrite(guild.id, PermissionOverwrite.ROLE, 0, sendMessages)));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              var overwrite =
                  jda.getTextChannelById(roles.id)
                      .getPermissionOverride(jda.getGuildById(guild.id).getPublicRole());
              return overwrite != null && overwrite.getDenied().contains(Permission.MESSAGE_SEND);
            });
  }

  @Test
  @DisplayName("when a channel is marked NSFW over the control API, JDA sees it (CHANNEL_UPDATE)")
  void markedNsfw() {
    SimChannel music = sim.control().channelByName(guild.id, "music").orElseThrow();
    assertThat(jda.getTextChannelById(music.id).isNSFW()).isFalse();

    SimHttp.Answer answer =
        SimHttp.control(sim).send("PATCH", "_sim/channels/" + music.id, "{\"nsfw\":true}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("nsfw").asBoolean()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> jda.getTextChannelById(music.id).isNSFW());
    assertThat(
            SimHttp.control(sim)
                .send("PATCH", "_sim/channels/" + music.id, "{\"nsfw\":\"yes\"}")
                .status())
        .isEqualTo(400);
    sim.control().setNsfw(music.id, false);
    await().atMost(Duration.ofSeconds(10)).until(() -> !jda.getTextChannelById(music.id).isNSFW());
  }

  @Test
  @DisplayName("when the guild's system channel is set over the control API, JDA sees it")
  void systemChannelSet() {
    SimChannel music = sim.control().channelByName(guild.id, "music").orElseThrow();
    assertThat(jda.getGuildById(guild.id).getSystemChannel()).isNull();

    SimHttp.Answer answer =
        SimHttp.control(sim)
            .send(
                "PATCH", "_sim/guilds/" + guild.id, "{\"system_channel_id\":\"" + music.id + "\"}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("system_channel_id").asText()).isEqualTo(Long.toString(music.id));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> jda.getGuildById(guild.id).getSystemChannel() != null);
    assertThat(jda.getGuildById(guild.id).getSystemChannel().getIdLong()).isEqualTo(music.id);
    assertThat(
            SimHttp.control(sim)
                .send("PATCH", "_sim/guilds/" + guild.id, "{\"system_channel_id\":\"42\"}")
                .status())
        .isEqualTo(400);
    sim.control().setSystemChannel(guild.id, null);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> jda.getGuildById(guild.id).getSystemChannel() == null);
  }

  @Test
  @DisplayName("when two roles swap places, JDA gets a RoleUpdatePositionEvent for each")
  void rolesReordered() {
    SimRole red = sim.control().createRole(guild.id, "red", 0, 1);
    SimRole blue = sim.control().createRole(guild.id, "blue", 0, 2);
    Map<Long, Integer> positions = new LinkedHashMap<>();
    positions.put(red.id, 2);
    positions.put(blue.id, 1);

    List<SimRole> moved = sim.control().reorderRoles(guild.id, positions);

    assertThat(moved).hasSize(2);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> events.stream().filter(RoleUpdatePositionEvent.class::isInstance).count() == 2);
    assertThat(jda.getRoleById(red.id).getPositionRaw()).isEqualTo(2);
    assertThat(jda.getRoleById(blue.id).getPositionRaw()).isEqualTo(1);
  }
}
