package dev.cogworks.sim;

import static dev.cogworks.sim.DiscordAssertions.assertError;
import static dev.cogworks.sim.DiscordAssertions.errorCodeAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimRole;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Validation answered as Discord answers it: status, code, message, errors")
class DiscordErrorCodesTest {
  private static final AtomicInteger channels = new AtomicInteger();
  private static final TestClock clock = TestClock.ticking();
  private static DiscordSim sim;
  private static SimGuild guild;
  private static SimBot bot;
  private static SimHttp http;
  private static long alice;

  @BeforeAll
  static void start() {
    // Buckets relaxed: these tests are about validation, RateLimitTest is about the limits.
    sim =
        DiscordSim.start(
            SimOptions.defaults()
                .withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.001))
                .withClock(clock));
    guild = SandboxSeed.apply(sim.control());
    bot = sim.control().createBot("testbot", PrivilegedIntent.all());
    http = new SimHttp(sim, bot.token);
    alice = sim.control().userByName("alice").orElseThrow().id;
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static long freshChannel() {
    return sim.control().createChannel(guild.id, "c" + channels.incrementAndGet()).id;
  }

  private static SimHttp.Answer send(long channel, JsonNode body) {
    return http.post("channels/" + channel + "/messages", Json.write(body));
  }

  private static ObjectNode content(String text) {
    return Json.object().put("content", text);
  }

  @Nested
  @DisplayName("Message bodies")
  class MessageBodies {
    @Test
    @DisplayName("2,000 characters are accepted; 2,001 are 50035 BASE_TYPE_MAX_LENGTH on content")
    void contentLength() {
      long channel = freshChannel();

      SimHttp.Answer ok = send(channel, content("x".repeat(2000)));
      SimHttp.Answer tooLong = send(channel, content("x".repeat(2001)));

      assertThat(ok.status()).isEqualTo(200);
      assertError(tooLong, 400, 50035);
      assertThat(errorCodeAt(tooLong, "/content")).isEqualTo("BASE_TYPE_MAX_LENGTH");
    }

    @Test
    @DisplayName(
        "Embed title over 256, description over 4096, 26 fields, or over 6000 in total: 50035")
    void embedLimits() {
      long channel = freshChannel();
      ObjectNode title = embedMessage(Json.object().put("title", "t".repeat(257)));
      ObjectNode description = embedMessage(Json.object().put("description", "d".repeat(4097)));
      ObjectNode embed = Json.object().put("title", "fields");
      ArrayNode fields = embed.putArray("fields");
      IntStream.range(0, 26)
          .forEach(i -> fields.addObject().put("name", "n" + i).put("value", "v"));
      ObjectNode tooManyFields = embedMessage(embed);
      ObjectNode total = content("");
      ArrayNode embeds = total.putArray("embeds");
      for (int i = 0; i < 2; i++) {
        embeds.addObject().put("title", "t").put("description", "d".repeat(3500));
      }

      SimHttp.Answer titleAnswer = send(channel, title);
      SimHttp.Answer descriptionAnswer = send(channel, description);
      SimHttp.Answer fieldsAnswer = send(channel, tooManyFields);
      SimHttp.Answer totalAnswer = send(channel, total);

      assertError(titleAnswer, 400, 50035);
      assertThat(errorCodeAt(titleAnswer, "/embeds/0/title")).isEqualTo("BASE_TYPE_MAX_LENGTH");
      assertError(descriptionAnswer, 400, 50035);
      assertThat(errorCodeAt(descriptionAnswer, "/embeds/0/description"))
          .isEqualTo("BASE_TYPE_MAX_LENGTH");
      assertError(fieldsAnswer, 400, 50035);
      assertThat(errorCodeAt(fieldsAnswer, "/embeds/0/fields")).isEqualTo("BASE_TYPE_MAX_LENGTH");
      assertError(totalAnswer, 400, 50035);
      assertThat(errorCodeAt(totalAnswer, "/embeds")).isEqualTo("MAX_EMBED_SIZE_EXCEEDED");
      assertThat(sim.control().messages(channel)).isEmpty();
    }

    private ObjectNode embedMessage(ObjectNode embed) {
      ObjectNode body = Json.object();
      body.putArray("embeds").add(embed);
      return body;
    }

    @Test
    @DisplayName("A message with nothing in it is 50006")
    void emptyMessage() {
      assertError(send(freshChannel(), content("")), 400, 50006);
      assertError(send(freshChannel(), Json.object()), 400, 50006);
    }

    @Test
    @DisplayName("The same nonce with enforce_nonce returns the first message instead of a second")
    void enforcedNonce() {
      long channel = freshChannel();
      ObjectNode body = content("once").put("nonce", "abc123").put("enforce_nonce", true);
      long replaysBefore = sim.control().stats().nonceReplays();

      SimHttp.Answer first = send(channel, body);
      SimHttp.Answer second = send(channel, body);
      SimHttp.Answer loose = send(channel, content("twice").put("nonce", "n1"));
      SimHttp.Answer looseAgain = send(channel, content("twice").put("nonce", "n1"));

      assertThat(second.json().path("id")).isEqualTo(first.json().path("id"));
      assertThat(first.json().path("nonce").asText()).isEqualTo("abc123");
      assertThat(loose.json().path("id")).isNotEqualTo(looseAgain.json().path("id"));
      assertThat(sim.control().messages(channel)).hasSize(3);
      // The bench's kill cycles count the resends a nonce answered this way.
      assertThat(sim.control().stats().nonceReplays() - replaysBefore).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("Unknown things and permissions")
  class UnknownAndPermissions {
    @Test
    @DisplayName("Unknown channel 10003, unknown message 10008, unknown role 10011")
    void unknownEntities() {
      long channel = freshChannel();

      assertError(send(123456789L, content("x")), 404, 10003);
      assertError(http.get("channels/" + channel + "/messages/42"), 404, 10008);
      assertError(
          http.send("PUT", "guilds/" + guild.id + "/members/" + alice + "/roles/42", null),
          404,
          10011);
    }

    @Test
    @DisplayName("Cannot send where @everyone is denied Send Messages: 50013")
    void missingPermissions() {
      SimChannel locked =
          sim.control()
              .createChannel(
                  guild.id,
                  "locked",
                  List.of(
                      new PermissionOverwrite(
                          guild.id, PermissionOverwrite.ROLE, 0, Permission.SEND_MESSAGES)));

      assertError(send(locked.id, content("x")), 403, 50013);
    }

    @Test
    @DisplayName("Cannot even see a channel where View Channel is denied: 50001")
    void missingAccess() {
      SimChannel hidden =
          sim.control()
              .createChannel(
                  guild.id,
                  "hidden",
                  List.of(
                      new PermissionOverwrite(
                          guild.id, PermissionOverwrite.ROLE, 0, Permission.VIEW_CHANNEL)));

      assertError(send(hidden.id, content("x")), 403, 50001);
      assertError(http.get("channels/" + hidden.id + "/messages"), 403, 50001);
    }

    @Test
    @DisplayName("An unknown route is a JSON 404, a wrong method a JSON 405, both with code 0")
    void unknownRoutes() {
      assertError(http.get("no/such/route"), 404, 0);
      assertError(http.send("DELETE", "users/@me", null), 405, 0);
    }

    @Test
    @DisplayName("A bad token is 401 with code 0")
    void badToken() {
      SimHttp.Answer answer = new SimHttp(sim, "nope").get("users/@me");

      assertError(answer, 401, 0);
      assertThat(answer.json().path("message").asText()).isEqualTo("401: Unauthorized");
    }

    @Test
    @DisplayName("Roles: below the bot's highest is fine, at or above it is 50013")
    void roleHierarchy() {
      SimRole below = sim.control().createRole(guild.id, "below", 0, 1);
      SimRole above = sim.control().createRole(guild.id, "above", 0, 1000);
      String member = "guilds/" + guild.id + "/members/" + alice;

      SimHttp.Answer added = http.send("PUT", member + "/roles/" + below.id, null);
      SimHttp.Answer refused = http.send("PUT", member + "/roles/" + above.id, null);

      assertThat(added.status()).isEqualTo(204);
      assertThat(http.get(member).json().path("roles").toString())
          .contains(Long.toString(below.id));
      assertError(refused, 403, 50013);
    }

    @Test
    @DisplayName("Every answer carries the X-RateLimit headers of its bucket")
    void rateLimitHeadersEverywhere() {
      SimHttp.Answer answer = http.get("guilds/" + guild.id + "/emojis");

      assertThat(answer.status()).isEqualTo(200);
      for (String header : List.of("Limit", "Remaining", "Reset", "Reset-After", "Bucket")) {
        assertThat(answer.header("X-RateLimit-" + header)).as(header).isNotBlank();
      }
    }
  }

  @Nested
  @DisplayName("Bulk delete and history")
  class BulkDeleteAndHistory {
    @Test
    @DisplayName("Bulk delete takes 2 to 100 ids, none older than 14 days")
    void bulkDeleteRules() {
      long channel = freshChannel();
      String first = send(channel, content("a")).json().path("id").asText();
      String second = send(channel, content("b")).json().path("id").asText();
      long old =
          sim.control()
              .postMessage(channel, alice, "ancient", Instant.now().minus(Duration.ofDays(15)))
              .id;
      String path = "channels/" + channel + "/messages/bulk-delete";
      ArrayNode tooMany = Json.array();
      IntStream.range(0, 101).forEach(i -> tooMany.add(Long.toString(1000L + i)));

      SimHttp.Answer one = http.post(path, "{\"messages\":[\"" + first + "\"]}");
      SimHttp.Answer hundredAndOne = http.post(path, "{\"messages\":" + tooMany + "}");
      SimHttp.Answer tooOld = http.post(path, "{\"messages\":[\"" + first + "\",\"" + old + "\"]}");
      SimHttp.Answer ok = http.post(path, "{\"messages\":[\"" + first + "\",\"" + second + "\"]}");

      assertError(one, 400, 50035);
      assertThat(errorCodeAt(one, "/messages")).isEqualTo("BASE_TYPE_MIN_LENGTH");
      assertError(hundredAndOne, 400, 50035);
      assertError(tooOld, 400, 50034);
      assertThat(ok.status()).isEqualTo(204);
      assertThat(http.get("channels/" + channel + "/messages").json())
          .extracting(m -> m.path("content").asText())
          .containsExactly("ancient");
    }

    @Test
    @DisplayName("History limit must be 1 to 100; before, after and around page newest first")
    void historyPaging() {
      long channel = freshChannel();
      List<String> ids =
          IntStream.range(0, 10)
              .mapToObj(i -> sim.control().postMessage(channel, alice, "m" + i).id)
              .map(Object::toString)
              .toList();
      String messages = "channels/" + channel + "/messages";

      assertError(http.get(messages + "?limit=0"), 400, 50035);
      assertError(http.get(messages + "?limit=101"), 400, 50035);
      assertThat(contents(http.get(messages + "?limit=3"))).containsExactly("m9", "m8", "m7");
      assertThat(contents(http.get(messages + "?limit=3&before=" + ids.get(5))))
          .containsExactly("m4", "m3", "m2");
      assertThat(contents(http.get(messages + "?limit=3&after=" + ids.get(5))))
          .containsExactly("m8", "m7", "m6");
      assertThat(contents(http.get(messages + "?limit=3&around=" + ids.get(5))))
          .containsExactly("m6", "m5", "m4");
    }

    private List<String> contents(SimHttp.Answer answer) {
      assertThat(answer.status()).isEqualTo(200);
      return java.util.stream.StreamSupport.stream(answer.json().spliterator(), false)
          .map(m -> m.path("content").asText())
          .toList();
    }
  }

  @Nested
  @DisplayName("Interactions")
  class Interactions {
    private dev.cogworks.sim.model.SimInteraction run(long channel) {
      SimHttp.Answer registered =
          http.send(
              "PUT",
              "applications/" + bot.applicationId() + "/guilds/" + guild.id + "/commands",
              "[{\"name\":\"ping\",\"description\":\"Ping\",\"type\":1}]");
      assertThat(registered.status()).isEqualTo(200);
      return sim.control().runCommand(guild.id, channel, alice, "ping", null);
    }

    private String callback(dev.cogworks.sim.model.SimInteraction interaction) {
      return "interactions/" + interaction.id + "/" + interaction.token + "/callback";
    }

    @Test
    @DisplayName("Acknowledged once: a second callback is 40060")
    void doubleAcknowledgement() {
      var interaction = run(freshChannel());

      SimHttp.Answer first =
          http.post(callback(interaction), "{\"type\":4,\"data\":{\"content\":\"pong\"}}");
      SimHttp.Answer second =
          http.post(callback(interaction), "{\"type\":4,\"data\":{\"content\":\"again\"}}");

      assertThat(first.status()).isEqualTo(204);
      assertError(second, 400, 40060);
    }

    @Test
    @DisplayName("A callback after the acknowledgement window is 10062 Unknown interaction")
    void lateAcknowledgement() {
      var interaction = run(freshChannel());
      clock.advance(SimOptions.defaults().interactionAckWindow().plusMillis(1));

      assertError(http.post(callback(interaction), "{\"type\":5}"), 404, 10062);
    }

    @Test
    @DisplayName(
        "Deferred, then edited through @original, then followed up; with_response describes it")
    void deferEditFollowUp() {
      long channel = freshChannel();
      var interaction = run(channel);
      String webhook = "webhooks/" + bot.applicationId() + "/" + interaction.token;

      SimHttp.Answer deferred =
          http.post(callback(interaction) + "?with_response=true", "{\"type\":5}");
      long loadingFlags = sim.control().messages(channel).get(0).flags;
      SimHttp.Answer edited =
          http.send("PATCH", webhook + "/messages/@original", "{\"content\":\"done\"}");
      SimHttp.Answer followUp = http.post(webhook, "{\"content\":\"one more thing\"}");

      assertThat(deferred.status()).isEqualTo(200);
      assertThat(deferred.json().at("/interaction/response_message_loading").asBoolean()).isTrue();
      assertThat(deferred.json().at("/resource/type").asInt()).isEqualTo(5);
      assertThat(loadingFlags & 128).isEqualTo(128);
      assertThat(edited.json().path("content").asText()).isEqualTo("done");
      assertThat(edited.json().path("flags").asInt() & 128).isZero();
      assertThat(followUp.status()).isEqualTo(200);
      JsonNode stored = sim.control().messagesJson(channel);
      assertThat(stored)
          .extracting(m -> m.path("content").asText())
          .containsExactly("done", "one more thing");
      assertThat(stored.get(0).path("edits")).hasSize(1);
    }
  }
}
