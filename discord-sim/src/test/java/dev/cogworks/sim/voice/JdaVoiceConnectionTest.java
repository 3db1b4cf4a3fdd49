package dev.cogworks.sim.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.jda.SimJda;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimVoiceState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.audio.hooks.ConnectionListener;
import net.dv8tion.jda.api.audio.hooks.ConnectionStatus;
import net.dv8tion.jda.api.entities.channel.middleman.AudioChannel;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.managers.AudioManager;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.jetbrains.annotations.NotNull;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real JDA's voice connection through its life: joining and leaving (the dispatches' shapes), a
 * move, a kick (4014), resumes that work and one that fails (4006), DAVE required (4017), a stage
 * (exempt from DAVE), and a voice server change while audio flows. One simulator, one JDA.
 */
class JdaVoiceConnectionTest {
  private static DiscordSim sim;
  private static SimBot bot;
  private static SimGuild guild;
  private static JDA jda;
  private static final List<DataObject> dispatches = new CopyOnWriteArrayList<>();
  private final List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
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
            .setRawEventsEnabled(true)
            .addEventListeners(
                new ListenerAdapter() {
                  @Override
                  public void onRawGateway(@NotNull RawGatewayEvent event) {
                    if (event.getType().startsWith("VOICE_")) {
                      dispatches.add(event.getPackage());
                    }
                  }
                })
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

  @BeforeEach
  void listen() {
    dispatches.clear();
    audio()
        .setConnectionListener(
            new ConnectionListener() {
              @Override
              public void onStatusChange(@NotNull ConnectionStatus status) {
                statuses.add(status);
              }
            });
    audio().setSendingHandler(sender);
  }

  @AfterEach
  void leave() {
    sim.voice().settings().requireDave(false);
    audio().closeAudioConnection();
    await().until(() -> !guild.voiceStates.containsKey(bot.user.id));
    // JDA has heard it too, so the next test's dispatches start clean.
    await()
        .until(() -> !jda.getGuildById(guild.id).getSelfMember().getVoiceState().inAudioChannel());
  }

  private static AudioManager audio() {
    return jda.getGuildById(guild.id).getAudioManager();
  }

  private static AudioChannel channel(String name) {
    return jda.getGuildById(guild.id).getVoiceChannelsByName(name, false).get(0);
  }

  private void join(String name) {
    int before = sim.voice().stats(guild.id).size();
    audio().openAudioConnection(channel(name));
    awaitNewConnection(before);
  }

  private static void awaitNewConnection(int before) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                sim.voice().stats(guild.id).size() > before
                    && audio().isConnected()
                    && latest().connected());
  }

  private static VoiceStats latest() {
    return sim.voice().latest(guild.id, bot.user.id).orElseThrow();
  }

  private List<DataObject> dispatched(String type) {
    return dispatches.stream().filter(d -> d.getString("t").equals(type)).toList();
  }

  @Test
  @DisplayName("joining: the bot's own VOICE_STATE_UPDATE with member and session, then the server")
  void joinAndLeaveShapes() {
    join("Music");

    List<DataObject> states = dispatched("VOICE_STATE_UPDATE");
    DataObject state = states.get(states.size() - 1).getObject("d");
    assertThat(state.getString("guild_id")).isEqualTo(Long.toString(guild.id));
    assertThat(state.getString("channel_id")).isEqualTo(Long.toString(channelId("Music")));
    assertThat(state.getString("user_id")).isEqualTo(Long.toString(bot.user.id));
    assertThat(state.getString("session_id"))
        .isEqualTo(jda.getGuildById(guild.id).getSelfMember().getVoiceState().getSessionId());
    assertThat(state.getObject("member").getObject("user").getString("id"))
        .isEqualTo(Long.toString(bot.user.id));
    DataObject server = dispatched("VOICE_SERVER_UPDATE").get(0).getObject("d");
    assertThat(server.getString("endpoint")).isEqualTo("localhost:" + sim.voice().gatewayPort());
    assertThat(server.getString("token")).isNotBlank();
    assertThat(server.getString("guild_id")).isEqualTo(Long.toString(guild.id));

    audio().closeAudioConnection();

    await().until(() -> dispatched("VOICE_STATE_UPDATE").size() == states.size() + 1);
    DataObject left = dispatched("VOICE_STATE_UPDATE").get(states.size()).getObject("d");
    assertThat(left.isNull("channel_id")).isTrue();
    await().until(() -> !latest().connected());
  }

  private static long channelId(String name) {
    return sim.control().channelByName(guild.id, name).orElseThrow().id;
  }

  @Test
  @DisplayName("moving to another channel: a new voice connection there, audio follows")
  void move() {
    join("Music");
    int before = sim.voice().stats(guild.id).size();

    audio().openAudioConnection(channel("Lounge"));

    awaitNewConnection(before);
    assertThat(guild.voiceStates.get(bot.user.id).channelId()).isEqualTo(channelId("Lounge"));
    assertThat(latest().channelId()).isEqualTo(channelId("Lounge"));
    sender.play(OpusClip.tone(10, 440, 0.25).frames());
    await().until(() -> latest().packets() == 10);
  }

  @Test
  @DisplayName("disconnected from voice by a moderator: VOICE_STATE_UPDATE null and close 4014")
  void kicked() {
    join("Music");

    sim.voiceStates().move(guild.id, bot.user.id, null);

    await().until(() -> statuses.contains(ConnectionStatus.DISCONNECTED_KICKED_FROM_CHANNEL));
    assertThat(sim.voice().closeCodesSent()).contains(4014);
    assertThat(audio().isConnected()).isFalse();
    assertThat(jda.getGuildById(guild.id).getSelfMember().getVoiceState().inAudioChannel())
        .isFalse();
  }

  @Test
  @DisplayName("a dropped voice connection is resumed: RESUME, RESUMED, same session")
  void resumes() {
    join("Music");
    int connections = sim.voice().stats(guild.id).size();
    int resumes = count(7);

    sim.voice().crash(guild.id, bot.user.id, false);

    await().until(() -> count(7) > resumes && audio().isConnected());
    assertThat(sim.voice().stats(guild.id)).hasSize(connections);
    sender.play(OpusClip.tone(5, 440, 0.25).frames());
    await().until(() -> latest().packets() == 5);
  }

  @Test
  @DisplayName("a resume the server cannot honour fails with 4006, and JDA joins again")
  void failedResume() {
    join("Music");
    int before = sim.voice().stats(guild.id).size();
    int resumes = count(7);

    sim.voice().crash(guild.id, bot.user.id, true);

    awaitNewConnection(before);
    assertThat(count(7)).isGreaterThan(resumes);
    assertThat(sim.voice().closeCodesSent()).contains(4006);
    assertThat(statuses).contains(ConnectionStatus.ERROR_CANNOT_RESUME);
  }

  @Test
  @DisplayName("DAVE required: a client offering DAVE version 0 is closed with 4017")
  void daveRequired() {
    sim.voice().settings().requireDave(true);
    long closes = count4017();
    int connections = sim.voice().stats(guild.id).size();

    audio().openAudioConnection(channel("Music"));

    await().until(() -> count4017() > closes);
    // JDA 6.5 does not know 4017: it resumes (4006), joins again, and never gets in.
    await().until(() -> count4017() > closes + 1);
    assertThat(statuses).doesNotContain(ConnectionStatus.CONNECTED);
    assertThat(sim.voice().stats(guild.id)).hasSize(connections);
  }

  private static long count4017() {
    return sim.voice().closeCodesSent().stream().filter(c -> c == 4017).count();
  }

  @Test
  @DisplayName("a stage is exempt from DAVE; the bot joins as audience and asks to speak")
  void stage() {
    SimChannel stage =
        sim.control().createChannel(guild.id, "Stage", SimChannel.GUILD_STAGE_VOICE, List.of());
    await().until(() -> jda.getStageChannelById(stage.id) != null);
    sim.voice().settings().requireDave(true);

    int before = sim.voice().stats(guild.id).size();
    audio().openAudioConnection(jda.getStageChannelById(stage.id));
    awaitNewConnection(before);
    assertThat(guild.voiceStates.get(bot.user.id).suppress()).isTrue();

    jda.getStageChannelById(stage.id).requestToSpeak().complete();
    await().until(() -> guild.voiceStates.get(bot.user.id).requestToSpeak() != null);

    sim.voiceStates().setSuppressed(guild.id, bot.user.id, false);
    await().until(() -> !jda.getGuildById(guild.id).getSelfMember().getVoiceState().isSuppressed());
    SimVoiceState speaker = guild.voiceStates.get(bot.user.id);
    assertThat(speaker.requestToSpeak()).isNull();
  }

  @Test
  @DisplayName("a new VOICE_SERVER_UPDATE mid-stream: JDA reconnects and the audio goes on")
  void voiceServerChange() {
    join("Music");
    sender.play(OpusClip.tone(100, 440, 0.25).frames());
    await().until(() -> latest().packets() >= 10);
    int before = sim.voice().stats(guild.id).size();

    sim.voiceStates().changeVoiceServer(guild.id, bot.user.id);

    awaitNewConnection(before);
    await().until(() -> latest().packets() > 0);
    List<VoiceStats> both = sim.voice().stats(guild.id);
    assertThat(both.get(1).connected()).isFalse();
  }

  private static int count(int op) {
    return (int) sim.voice().received().stream().filter(f -> f.path("op").asInt() == op).count();
  }
}
