package dev.cogworks.sim.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.TestClock;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Real JDA chunking a large guild: GUILD_MEMBERS without presences (C22, C23)")
class MemberChunkingTest {
  private static final int HUMANS = 2_500;

  private final TestClock clock = TestClock.ticking();
  private final List<RawGatewayEvent> raw = new CopyOnWriteArrayList<>();
  private DiscordSim sim;
  private SimGuild guild;
  private JDA jda;

  @BeforeEach
  void start() {
    sim = DiscordSim.start(SimOptions.defaults().withClock(clock));
    guild = populated(sim.control(), "Crowd", HUMANS);
  }

  @AfterEach
  void stop() {
    if (jda != null) {
      jda.shutdownNow();
    }
    sim.close();
  }

  /** A guild of {@code humans} members made through the control API, as a test of scale would. */
  public static SimGuild populated(SimControl control, String name, int humans) {
    SimGuild guild = control.createGuild(name, null);
    for (int i = 0; i < humans; i++) {
      control.addMember(guild.id, control.createUser("member" + i).id, List.of());
    }
    return guild;
  }

  private JDA login(SimBot bot) throws InterruptedException {
    return SimJda.builder(sim, bot, Compression.ZLIB)
        .setEnabledIntents(
            GatewayIntent.GUILD_MESSAGES,
            GatewayIntent.GUILD_MEMBERS,
            GatewayIntent.GUILD_EXPRESSIONS)
        .setChunkingFilter(ChunkingFilter.ALL)
        .setMemberCachePolicy(MemberCachePolicy.ALL)
        .setRawEventsEnabled(true)
        .addEventListeners(
            (EventListener)
                event -> {
                  if (event instanceof RawGatewayEvent r) {
                    raw.add(r);
                  }
                })
        .build()
        .awaitReady();
  }

  private List<DataObject> payloads(String type) {
    return raw.stream()
        .filter(r -> type.equals(r.getType()))
        .map(RawGatewayEvent::getPayload)
        .toList();
  }

  @Test
  @DisplayName(
      "given 2,500 members and only the bot in GUILD_CREATE, JDA chunks and ends up with every"
          + " member, in three chunks of at most 1,000")
  void chunksEveryMember() throws InterruptedException {
    SimBot bot = sim.control().createBot("cogworks", EnumSet.of(PrivilegedIntent.GUILD_MEMBERS));
    jda = login(bot);

    Guild crowd = jda.getGuildById(guild.id);
    assertThat(crowd.getMemberCount()).isEqualTo(HUMANS + 1);
    assertThat(crowd.getMembers().size()).isEqualTo(HUMANS + 1);
    assertThat(crowd.getMembersByName("member2499", false)).hasSize(1);
    assertThat(payloads("GUILD_CREATE").get(0).getArray("members").length()).isEqualTo(1);
    assertThat(payloads("GUILD_CREATE").get(0).getBoolean("large")).isTrue();
    // JDA raises the raw event after handling the chunk, so the last may come just after ready.
    await().until(() -> payloads("GUILD_MEMBERS_CHUNK").size() >= 3);
    List<DataObject> chunks = payloads("GUILD_MEMBERS_CHUNK");
    assertThat(chunks.size()).isEqualTo(3);
    assertThat(chunks)
        .extracting(c -> c.getInt("chunk_index") + "/" + c.getInt("chunk_count"))
        .containsExactly("0/3", "1/3", "2/3");
    assertThat(chunks)
        .extracting(c -> c.getArray("members").length())
        .containsExactly(1000, 1000, 501);
  }

  @Test
  @DisplayName(
      "given a bot that chunked at login, a restart within 30 s gets RATE_LIMITED for its chunk"
          + " request and JDA stays without the guild")
  void restartWithin30sIsRateLimited() throws InterruptedException {
    SimBot bot = sim.control().createBot("cogworks", EnumSet.of(PrivilegedIntent.GUILD_MEMBERS));
    JDA first = login(bot);
    // The raw event of the last chunk may follow ready; then nothing more comes from this one.
    await().until(() -> payloads("GUILD_MEMBERS_CHUNK").size() == 3);
    first.shutdownNow();
    first.awaitShutdown();
    raw.clear();

    jda =
        SimJda.builder(sim, bot, Compression.ZLIB)
            .setEnabledIntents(
                GatewayIntent.GUILD_MESSAGES,
                GatewayIntent.GUILD_MEMBERS,
                GatewayIntent.GUILD_EXPRESSIONS)
            .setChunkingFilter(ChunkingFilter.ALL)
            .setRawEventsEnabled(true)
            .addEventListeners(
                (EventListener)
                    event -> {
                      if (event instanceof RawGatewayEvent r) {
                        raw.add(r);
                      }
                    })
            .build();

    await().until(() -> !payloads("RATE_LIMITED").isEmpty());
    DataObject limited = payloads("RATE_LIMITED").get(0);
    assertThat(limited.getInt("opcode")).isEqualTo(8);
    assertThat(limited.getObject("meta").getString("guild_id")).isEqualTo(Long.toString(guild.id));
    assertThat(limited.getDouble("retry_after")).isGreaterThan(0.0).isLessThanOrEqualTo(30.0);
    // JDA 6 has no RATE_LIMITED handler: the guild waits for chunks that never come.
    await()
        .during(Duration.ofMillis(500))
        .until(
            () -> jda.getGuildById(guild.id) == null && payloads("GUILD_MEMBERS_CHUNK").isEmpty());
  }

  @Test
  @DisplayName(
      "given loadMembers answered, a second within 30 s gets RATE_LIMITED with its nonce; after"
          + " 30 s it is answered again")
  void loadMembersTwiceWithin30s() throws Exception {
    SimBot bot = sim.control().createBot("cogworks", EnumSet.of(PrivilegedIntent.GUILD_MEMBERS));
    jda =
        SimJda.builder(sim, bot, Compression.ZLIB)
            .setEnabledIntents(
                GatewayIntent.GUILD_MESSAGES,
                GatewayIntent.GUILD_MEMBERS,
                GatewayIntent.GUILD_EXPRESSIONS)
            .setChunkingFilter(ChunkingFilter.NONE)
            .setMemberCachePolicy(MemberCachePolicy.NONE)
            .setRawEventsEnabled(true)
            .addEventListeners(
                (EventListener)
                    event -> {
                      if (event instanceof RawGatewayEvent r) {
                        raw.add(r);
                      }
                    })
            .build()
            .awaitReady();
    Guild crowd = jda.getGuildById(guild.id);
    assertThat(crowd.loadMembers().get().size()).isEqualTo(HUMANS + 1);

    crowd.loadMembers();
    await().until(() -> !payloads("RATE_LIMITED").isEmpty());
    DataObject limited = payloads("RATE_LIMITED").get(0);
    assertThat(limited.getObject("meta").getString("nonce")).isNotBlank();
    assertThat(limited.getDouble("retry_after")).isGreaterThan(20.0).isLessThanOrEqualTo(30.0);

    clock.advance(Duration.ofSeconds(30));
    assertThat(crowd.loadMembers().get().size()).isEqualTo(HUMANS + 1);
    assertThat(payloads("RATE_LIMITED")).hasSize(1);
    await().until(() -> payloads("GUILD_MEMBERS_CHUNK").size() >= 6);
    assertThat(payloads("GUILD_MEMBERS_CHUNK").size()).isEqualTo(6);
  }
}
