package dev.cogworks.sim.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.RawGateway;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimHttp;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.SessionDisconnectEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.CloseCode;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Real JDA against the gateway's limits: liveness, heartbeat requests, session starts")
class JdaGatewayLimitsTest {
  private DiscordSim sim;
  private final List<JDA> clients = new CopyOnWriteArrayList<>();
  private final List<GenericEvent> events = new CopyOnWriteArrayList<>();
  private final EventListener recorder = events::add;

  @AfterEach
  void stop() {
    clients.forEach(JDA::shutdownNow);
    if (sim != null) {
      sim.close();
    }
  }

  private SimBot start(SimOptions options) {
    sim = DiscordSim.start(options);
    SandboxSeed.apply(sim.control());
    return sim.control().createBot("cogworks", PrivilegedIntent.all());
  }

  private JDA login(SimBot bot, ScheduledExecutorService gatewayPool) throws InterruptedException {
    var builder = SimJda.builder(sim, bot, Compression.ZLIB).addEventListeners(recorder);
    if (gatewayPool != null) {
      builder.setGatewayPool(gatewayPool, true);
    }
    JDA jda = builder.build();
    clients.add(jda);
    return jda.awaitReady();
  }

  private <T extends GenericEvent> List<T> eventsOf(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  @DisplayName(
      "C4: given Discord's 41.25 s interval, when the gateway asks for a heartbeat (op 1), JDA"
          + " sends one at once")
  void jdaAnswersHeartbeatRequests() throws Exception {
    SimBot bot = start(SimOptions.defaults());
    login(bot, null);
    // JDA heartbeats once on connecting (from its gateway pool, which a busy machine may hold back
    // for seconds: a verify once took over 10), then not for another 41.25 s.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> sim.control().gateway().heartbeatsReceived() >= 1);
    long before = sim.control().gateway().heartbeatsReceived();

    var answer =
        SimHttp.control(sim)
            .send("POST", "_sim/faults", "{\"type\":\"gateway_heartbeat_request\"}");

    assertThat(answer.json().path("connections_affected").asInt()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> sim.control().gateway().heartbeatsReceived() > before);
  }

  @Test
  @DisplayName("C3: JDA heartbeating every 250 ms is never closed for missing heartbeats")
  void heartbeatingJdaStaysConnected() throws Exception {
    SimBot bot =
        start(
            SimOptions.defaults()
                .withHeartbeatInterval(Duration.ofMillis(250))
                .withHeartbeatSlack(Duration.ofMillis(750)));
    JDA jda = login(bot, null);

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                jda.getStatus() == JDA.Status.CONNECTED
                    && eventsOf(SessionDisconnectEvent.class).isEmpty());
    assertThat(sim.control().gateway().heartbeatsReceived()).isGreaterThan(3);
  }

  @Test
  @DisplayName(
      "C3: when JDA's heartbeat thread is stuck, the gateway closes it 4009; once it runs again"
          + " JDA resumes and hears messages")
  void stuckHeartbeatIsClosedAndJdaResumes() throws Exception {
    SimBot bot =
        start(
            SimOptions.defaults()
                .withHeartbeatInterval(Duration.ofMillis(500))
                .withHeartbeatSlack(Duration.ofMillis(500)));
    ScheduledExecutorService gatewayPool = Executors.newSingleThreadScheduledExecutor();
    JDA jda = login(bot, gatewayPool);
    CountDownLatch release = new CountDownLatch(1);
    // JDA's heartbeats run on its gateway pool: one stuck task there silences them.
    gatewayPool.execute(
        () -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !eventsOf(SessionDisconnectEvent.class).isEmpty());
    SessionDisconnectEvent disconnect = eventsOf(SessionDisconnectEvent.class).get(0);
    assertThat(disconnect.isClosedByServer()).isTrue();
    assertThat(disconnect.getCloseCode()).isEqualTo(CloseCode.SESSION_TIMEOUT);

    release.countDown();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !eventsOf(SessionResumeEvent.class).isEmpty());
    SimGuild guild = sim.control().guildByName("Sandbox").orElseThrow();
    SimChannel general = sim.control().channelByName(guild.id, "general").orElseThrow();
    long alice = sim.control().userByName("alice").orElseThrow().id;
    sim.control().postMessage(general.id, alice, "still there?");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                eventsOf(MessageReceivedEvent.class).stream()
                    .anyMatch(m -> m.getMessage().getContentRaw().equals("still there?")));
    assertThat(jda.getStatus()).isEqualTo(JDA.Status.CONNECTED);
  }

  @Test
  @DisplayName(
      "C7: given a budget of one session start, a second IDENTIFY ends JDA's session: JDA shuts"
          + " down with AUTHENTICATION_FAILED and the old token no longer logs in")
  void exhaustedSessionStartsShutJdaDown() throws Exception {
    SimBot bot = start(SimOptions.defaults().withSessionStartLimit(1, 1));
    String oldToken = bot.token;
    JDA jda = login(bot, null);

    try (RawGateway intruder = RawGateway.connect(sim)) {
      intruder.identify(oldToken, 0, 1);
      assertThat(intruder.closeCode(Duration.ofSeconds(10))).isEqualTo(4004);
    }

    await().atMost(Duration.ofSeconds(15)).until(() -> jda.getStatus() == JDA.Status.SHUTDOWN);
    assertThat(eventsOf(ShutdownEvent.class))
        .singleElement()
        .extracting(ShutdownEvent::getCloseCode)
        .isEqualTo(CloseCode.AUTHENTICATION_FAILED);
    assertThat(bot.token).isNotEqualTo(oldToken);
    var withOldToken =
        SimJda.builder(
            sim, new SimBot(bot.user, oldToken, bot.privilegedIntents()), Compression.ZLIB);
    assertThatThrownBy(withOldToken::build).isInstanceOf(InvalidTokenException.class);
    assertThat(new SimHttp(sim, bot.token).get("users/@me").status()).isEqualTo(200);
  }
}
