package dev.cogworks.sim.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.TestClock;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Real JDA against discord-sim: reconnect, resume with replay, zombie detection")
class JdaReconnectTest {
  private DiscordSim sim;
  private JDA jda;
  private SimChannel general;
  private long alice;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> sessions = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (jda != null) {
      jda.shutdownNow();
    }
    if (sim != null) {
      sim.close();
    }
  }

  /**
   * Discord's heartbeat interval (41.25 s): JDA heartbeats once on connecting and not again within
   * a test, so a starved machine cannot make it see a zombie where there is none.
   */
  private void start(Compression compression) throws InterruptedException {
    start(compression, SimOptions.defaults());
  }

  private void start(Compression compression, SimOptions options) throws InterruptedException {
    sim = DiscordSim.start(options);
    SimGuild guild = SandboxSeed.apply(sim.control());
    general = sim.control().channelByName(guild.id, "general").orElseThrow();
    alice = sim.control().userByName("alice").orElseThrow().id;
    EventListener recorder =
        (GenericEvent event) -> {
          if (event instanceof MessageReceivedEvent message) {
            received.add(message.getMessage().getContentRaw());
          } else if (event instanceof SessionResumeEvent) {
            sessions.add("resumed");
          } else if (event instanceof SessionRecreateEvent) {
            sessions.add("recreated");
          }
        };
    jda =
        SimJda.builder(
                sim, sim.control().createBot("cogworks", PrivilegedIntent.all()), compression)
            .addEventListeners(recorder)
            .build()
            .awaitReady();
  }

  /** Injects a gateway fault; returns how many connections it hit. */
  private int fault(String type) {
    return switch (type) {
      case "drop" -> sim.control().gateway().dropConnections();
      case "stall" -> sim.control().gateway().stallConnections();
      case "reconnect" -> sim.control().gateway().requestReconnect();
      default -> throw new IllegalArgumentException(type);
    };
  }

  @ParameterizedTest(name = "compression {0}")
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "ZLIB"})
  @DisplayName("After the socket drops, JDA resumes and gets the events it missed, once each")
  void resumesAfterDrop(Compression compression) throws Exception {
    start(compression);

    fault("drop");
    sim.control().postMessage(general.id, alice, "while you were away");

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(sessions).contains("resumed"));
    sim.control().postMessage(general.id, alice, "welcome back");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(received).containsExactly("while you were away", "welcome back"));
    assertThat(sessions).doesNotContain("recreated");
  }

  @ParameterizedTest(name = "compression {0}")
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "ZLIB"})
  @DisplayName(
      "A connection that stops acknowledging heartbeats is detected as a zombie and resumed")
  void detectsZombieConnection(Compression compression) throws Exception {
    // JDA calls a connection a zombie after 2 heartbeats without an ACK: 1 s heartbeats see the
    // stall within 3 s, and only a machine stalled for 2 s could fake one.
    start(compression, SimOptions.defaults().withHeartbeatInterval(Duration.ofSeconds(1)));
    sessions.clear(); // only a resume after the stall counts

    assertThat(fault("stall")).as("live connections stalled").isEqualTo(1);
    sim.control().postMessage(general.id, alice, "sent into the void");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(sessions).contains("resumed"));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(received).containsExactly("sent into the void"));
  }

  @ParameterizedTest(name = "compression {0}")
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "ZLIB"})
  @DisplayName("op 7 RECONNECT makes JDA reconnect and resume")
  void reconnectsOnRequest(Compression compression) throws Exception {
    start(compression);

    fault("reconnect");

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(sessions).contains("resumed"));
    sim.control().postMessage(general.id, alice, "still here");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(received).containsExactly("still here"));
  }

  @ParameterizedTest(name = "compression {0}")
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "ZLIB"})
  @DisplayName("op 9 INVALID_SESSION (not resumable) makes JDA identify anew and reload its guilds")
  void identifiesAgainAfterInvalidSession(Compression compression) throws Exception {
    TestClock clock = TestClock.ticking();
    start(compression, SimOptions.defaults().withClock(clock));
    // A new session chunks the guild again; Discord answers one full member list per guild per
    // 30 s (MemberChunkingTest shows what happens sooner).
    clock.advance(Duration.ofSeconds(30));

    sim.control().gateway().invalidateSessions(false);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(sessions).contains("recreated"));
    assertThat(jda.getGuilds()).hasSize(1);
    sim.control().postMessage(general.id, alice, "fresh session");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(received).containsExactly("fresh session"));
  }
}
