package dev.cogworks.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.gateway.Intents;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Gateway member lists as Discord sends them: GUILD_CREATE, op 8, 4014 (C6, C22, C23)")
class GatewayMembersTest {
  private static final Duration QUIET = Duration.ofMillis(400);

  private DiscordSim sim;
  private SimGuild guild;
  private SimRole role;
  private final List<RawMemberGateway> gateways = new ArrayList<>();

  @BeforeEach
  void start() {
    sim = DiscordSim.start(SimOptions.defaults());
    guild = sim.control().createGuild("Crowd", null);
    role = sim.control().createRole(guild.id, "regular", 0, 1);
    for (int i = 0; i < 60; i++) {
      // Ten members with a role, the rest without role or nickname.
      List<Long> roles = i < 10 ? List.of(role.id) : List.of();
      sim.control().addMember(guild.id, sim.control().createUser("user" + i).id, roles);
    }
  }

  @AfterEach
  void stop() {
    gateways.forEach(RawMemberGateway::close);
    sim.close();
  }

  private RawMemberGateway identify(SimBot bot, int intents, ObjectNode extra) {
    RawMemberGateway gateway = RawMemberGateway.identify(sim, bot.token, intents, extra);
    gateways.add(gateway);
    return gateway;
  }

  private static JsonNode awaitOne(RawMemberGateway gateway, String type) {
    await().until(() -> !gateway.dispatches(type).isEmpty());
    return gateway.dispatches(type).get(0);
  }

  private SimBot bot(PrivilegedIntent... intents) {
    return sim.control()
        .createBot(
            "bot", intents.length == 0 ? PrivilegedIntent.none() : EnumSet.of(intents[0], intents));
  }

  @Nested
  @DisplayName("IDENTIFY")
  class Identify {
    @Test
    @DisplayName("a privileged intent the app has not switched on closes with 4014")
    void disallowed() {
      SimBot bot = bot(PrivilegedIntent.GUILD_MEMBERS);
      RawMemberGateway gateway =
          identify(bot, Intents.GUILDS | Intents.GUILD_MEMBERS | Intents.GUILD_PRESENCES, null);
      await().until(() -> gateway.closeCode() != null);
      assertThat(gateway.closeCode()).isEqualTo(4014);
      assertThat(gateway.dispatches("READY")).isEmpty();
    }

    @Test
    @DisplayName("READY carries the application's flags")
    void readyFlags() {
      SimBot bot = bot(PrivilegedIntent.GUILD_MEMBERS, PrivilegedIntent.MESSAGE_CONTENT);
      RawMemberGateway gateway = identify(bot, Intents.GUILDS, null);
      assertThat(awaitOne(gateway, "READY").path("application").path("flags").asInt())
          .isEqualTo((1 << 14) | (1 << 18));
    }
  }

  @Nested
  @DisplayName("GUILD_CREATE")
  class GuildCreate {
    @Test
    @DisplayName("without GUILD_PRESENCES: only the bot, though GUILD_MEMBERS is identified")
    void withoutPresences() {
      SimBot bot = bot(PrivilegedIntent.GUILD_MEMBERS);
      JsonNode created =
          awaitOne(identify(bot, Intents.GUILDS | Intents.GUILD_MEMBERS, null), "GUILD_CREATE");
      assertThat(created.path("members")).hasSize(1);
      assertThat(created.path("members").get(0).path("user").path("id").asText())
          .isEqualTo(Long.toString(bot.user.id));
      assertThat(created.path("member_count").asInt()).isEqualTo(61);
      assertThat(created.path("large").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("with GUILD_PRESENCES and large_threshold 100: every member, not large")
    void presencesSmallGuild() {
      SimBot bot = bot(PrivilegedIntent.GUILD_PRESENCES);
      ObjectNode extra = Json.object().put("large_threshold", 100);
      JsonNode created =
          awaitOne(identify(bot, Intents.GUILDS | Intents.GUILD_PRESENCES, extra), "GUILD_CREATE");
      assertThat(created.path("members")).hasSize(61);
      assertThat(created.path("large").asBoolean()).isFalse();
    }

    @Test
    @DisplayName(
        "with GUILD_PRESENCES above the default threshold of 50: offline members without role or"
            + " nickname are left out")
    void presencesLargeGuild() {
      SimBot bot = bot(PrivilegedIntent.GUILD_PRESENCES);
      JsonNode created =
          awaitOne(identify(bot, Intents.GUILDS | Intents.GUILD_PRESENCES, null), "GUILD_CREATE");
      // The bot (online, with its managed role) and the ten members with a role.
      assertThat(created.path("members")).hasSize(11);
      assertThat(created.path("large").asBoolean()).isTrue();
      assertThat(created.path("member_count").asInt()).isEqualTo(61);
    }

    @Test
    @DisplayName("large_threshold is held to Discord's 50 to 250")
    void thresholdClamped() {
      SimBot bot = bot(PrivilegedIntent.GUILD_PRESENCES);
      ObjectNode low = Json.object().put("large_threshold", 10);
      JsonNode created =
          awaitOne(identify(bot, Intents.GUILDS | Intents.GUILD_PRESENCES, low), "GUILD_CREATE");
      assertThat(created.path("large").asBoolean()).isTrue();
      assertThat(created.path("members")).hasSize(11);
    }
  }

  @Nested
  @DisplayName("Request Guild Members (op 8)")
  class RequestMembers {
    private RawMemberGateway membersSession() {
      SimBot bot = bot(PrivilegedIntent.GUILD_MEMBERS);
      RawMemberGateway gateway = identify(bot, Intents.GUILDS | Intents.GUILD_MEMBERS, null);
      awaitOne(gateway, "GUILD_CREATE");
      return gateway;
    }

    private ObjectNode request() {
      return Json.object().put("guild_id", Long.toString(guild.id));
    }

    @Test
    @DisplayName("the whole list without GUILD_MEMBERS identified gets no answer")
    void fullListNeedsIntent() {
      SimBot bot = bot(PrivilegedIntent.GUILD_MEMBERS);
      RawMemberGateway gateway = identify(bot, Intents.GUILDS, null);
      awaitOne(gateway, "GUILD_CREATE");
      gateway.send(8, request().put("query", "").put("limit", 0));
      await()
          .during(QUIET)
          .until(
              () ->
                  gateway.dispatches("GUILD_MEMBERS_CHUNK").isEmpty()
                      && gateway.closeCode() == null);
      // A search by name needs no privileged intent.
      gateway.send(8, request().put("query", "user1").put("limit", 5));
      JsonNode chunk = awaitOne(gateway, "GUILD_MEMBERS_CHUNK");
      assertThat(chunk.path("members")).hasSize(5);
    }

    @Test
    @DisplayName(
        "a query returns at most 100, limit 0 included; user_ids at most 100, with not_found")
    void caps() {
      for (int i = 60; i < 160; i++) {
        sim.control().addMember(guild.id, sim.control().createUser("user" + i).id, List.of());
      }
      RawMemberGateway gateway = membersSession();
      gateway.send(8, request().put("query", "user").put("limit", 0).put("nonce", "q"));
      gateway.send(8, request().put("query", "user").put("limit", 500).put("nonce", "r"));
      ObjectNode byIds = request().put("nonce", "ids");
      var ids = byIds.putArray("user_ids");
      ids.add("1");
      guild.members.keySet().stream().limit(120).forEach(id -> ids.add(Long.toString(id)));
      gateway.send(8, byIds);
      await().until(() -> gateway.dispatches("GUILD_MEMBERS_CHUNK").size() == 3);
      List<JsonNode> chunks = gateway.dispatches("GUILD_MEMBERS_CHUNK");
      assertThat(chunks.get(0).path("nonce").asText()).isEqualTo("q");
      assertThat(chunks.get(0).path("members")).hasSize(100);
      assertThat(chunks.get(1).path("members")).hasSize(100);
      assertThat(chunks.get(2).path("nonce").asText()).isEqualTo("ids");
      assertThat(chunks.get(2).path("members")).hasSize(99);
      assertThat(chunks.get(2).path("not_found").toString()).isEqualTo("[\"1\"]");
    }

    @Test
    @DisplayName("several guild ids in one request get no answer: one guild per request")
    void oneGuildPerRequest() {
      RawMemberGateway gateway = membersSession();
      ObjectNode several = Json.object().put("query", "").put("limit", 0);
      several.putArray("guild_id").add(Long.toString(guild.id));
      gateway.send(8, several);
      await().during(QUIET).until(() -> gateway.dispatches("GUILD_MEMBERS_CHUNK").isEmpty());
    }

    @Test
    @DisplayName(
        "1,500 members come in chunks of 1,000 with chunk_index and chunk_count; a second whole"
            + " list within 30 s is RATE_LIMITED, and another guild is not")
    void chunksAndRateLimit() {
      for (int i = 60; i < 1_499; i++) {
        sim.control().addMember(guild.id, sim.control().createUser("user" + i).id, List.of());
      }
      SimBot bot = bot(PrivilegedIntent.GUILD_MEMBERS);
      SimGuild other = sim.control().createGuild("Other", null);
      sim.control().inviteBot(other.id, bot.user.id, 0);
      RawMemberGateway gateway = identify(bot, Intents.GUILDS | Intents.GUILD_MEMBERS, null);
      await().until(() -> gateway.dispatches("GUILD_CREATE").size() == 2);

      gateway.send(8, request().put("query", "").put("limit", 0).put("nonce", "first"));
      await().until(() -> gateway.dispatches("GUILD_MEMBERS_CHUNK").size() == 2);
      List<JsonNode> chunks = gateway.dispatches("GUILD_MEMBERS_CHUNK");
      assertThat(chunks.get(0).path("members")).hasSize(1000);
      assertThat(chunks.get(1).path("members")).hasSize(500);
      assertThat(chunks.get(1).path("chunk_index").asInt()).isEqualTo(1);
      assertThat(chunks.get(1).path("chunk_count").asInt()).isEqualTo(2);
      assertThat(chunks.get(1).path("nonce").asText()).isEqualTo("first");

      gateway.send(8, request().put("query", "").put("limit", 0).put("nonce", "second"));
      JsonNode limited = awaitOne(gateway, "RATE_LIMITED");
      assertThat(limited.path("opcode").asInt()).isEqualTo(8);
      assertThat(limited.path("retry_after").asDouble()).isBetween(25.0, 30.0);
      assertThat(limited.path("meta").path("guild_id").asText()).isEqualTo(Long.toString(guild.id));
      assertThat(limited.path("meta").path("nonce").asText()).isEqualTo("second");

      gateway.send(
          8,
          Json.object()
              .put("guild_id", Long.toString(other.id))
              .put("query", "")
              .put("limit", 0)
              .put("nonce", "other"));
      await().until(() -> gateway.dispatches("GUILD_MEMBERS_CHUNK").size() == 3);
      assertThat(gateway.dispatches("GUILD_MEMBERS_CHUNK").get(2).path("nonce").asText())
          .isEqualTo("other");
      assertThat(gateway.dispatches("RATE_LIMITED")).hasSize(1);
    }
  }
}
