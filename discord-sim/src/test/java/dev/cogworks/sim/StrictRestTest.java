package dev.cogworks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.ratelimit.RateLimitDecision.Scope;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Answers JDA cannot be made to provoke or cannot show (it checks nonces, modals, path ids and
 * permissions itself, and hides headers and 429s), asserted over raw HTTP.
 */
@DisplayName("Discord's strictness on REST, seen over raw HTTP")
class StrictRestTest {
  private DiscordSim sim;
  private SimGuild guild;
  private SimBot bot;
  private SimHttp http;
  private long general;
  private long alice;

  private void start(SimOptions options) {
    sim = DiscordSim.start(options);
    guild = SandboxSeed.apply(sim.control());
    bot = sim.control().createBot("cogworks");
    http = new SimHttp(sim, bot.token);
    general = sim.control().channelByName(guild.id, "general").orElseThrow().id;
    alice = sim.control().userByName("alice").orElseThrow().id;
  }

  private void start() {
    start(SimOptions.defaults());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private static JsonNode firstError(SimHttp.Answer answer, String path) {
    JsonNode node = answer.json().path("errors");
    for (String part : path.split("\\.")) {
      node = node.path(part);
    }
    return node.path("_errors").path(0);
  }

  @Test
  @DisplayName("A non-numeric id in the path is 50035 NUMBER_TYPE_COERCE, not a 404")
  void nonNumericPathIdIsInvalidForm() {
    start();

    SimHttp.Answer answer = http.get("channels/abc/messages");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("code").asInt()).isEqualTo(50035);
    assertThat(firstError(answer, "channel_id").path("code").asText())
        .isEqualTo("NUMBER_TYPE_COERCE");
    assertThat(firstError(answer, "channel_id").path("message").asText())
        .isEqualTo("Value \"abc\" is not snowflake.");
  }

  @Test
  @DisplayName("A nonce of 25 characters is accepted, 26 are 50035 on nonce")
  void nonceLength() {
    start();
    String path = "channels/" + general + "/messages";

    SimHttp.Answer ok = http.post(path, "{\"content\":\"a\",\"nonce\":\"" + "n".repeat(25) + "\"}");
    SimHttp.Answer tooLong =
        http.post(path, "{\"content\":\"b\",\"nonce\":\"" + "n".repeat(26) + "\"}");

    assertThat(ok.status()).isEqualTo(200);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().path("code").asInt()).isEqualTo(50035);
    assertThat(firstError(tooLong, "nonce").path("code").asText())
        .isEqualTo("BASE_TYPE_MAX_LENGTH");
  }

  @Test
  @DisplayName("allowed_mentions with parse users and a users list is 50035; either alone is fine")
  void parseAndListAreExclusive() {
    start();
    String path = "channels/" + general + "/messages";
    String content = "\"content\":\"hi <@" + alice + ">\"";

    SimHttp.Answer both =
        http.post(
            path,
            "{"
                + content
                + ",\"allowed_mentions\":{\"parse\":[\"users\"],\"users\":[\""
                + alice
                + "\"]}}");
    SimHttp.Answer roles =
        http.post(
            path,
            "{" + content + ",\"allowed_mentions\":{\"parse\":[\"roles\"],\"roles\":[\"1\"]}}");
    SimHttp.Answer listOnly =
        http.post(path, "{" + content + ",\"allowed_mentions\":{\"users\":[\"" + alice + "\"]}}");

    assertThat(both.status()).isEqualTo(400);
    assertThat(firstError(both, "allowed_mentions").path("code").asText())
        .isEqualTo("MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE");
    assertThat(roles.status()).isEqualTo(400);
    assertThat(listOnly.status()).isEqualTo(200);
    assertThat(listOnly.json().path("mentions").path(0).path("id").asText())
        .isEqualTo(Long.toString(alice));
  }

  @Test
  @DisplayName(
      "Without allowed_mentions a bot's message pings users, mentionable roles and @everyone")
  void defaultAllowedMentionsParseEverything() {
    start();
    long role = sim.control().createRole(guild.id, "pingable", 0, 1).id;
    sim.control().state().guilds.get(guild.id).roles.get(role).mentionable = true;

    SimHttp.Answer sent =
        http.post(
            "channels/" + general + "/messages",
            "{\"content\":\"@everyone <@&" + role + "> <@" + alice + ">\"}");

    JsonNode message = sent.json();
    assertThat(message.path("mention_everyone").asBoolean()).isTrue();
    assertThat(message.path("mention_roles").path(0).asText()).isEqualTo(Long.toString(role));
    assertThat(message.path("mentions").path(0).path("id").asText())
        .isEqualTo(Long.toString(alice));
  }

  @Test
  @DisplayName("History without Read Message History is an empty list, and not an invalid request")
  void historyWithoutPermissionIsEmpty() {
    start();
    long hidden =
        sim.control()
            .createChannel(
                guild.id,
                "no-history",
                List.of(
                    new PermissionOverwrite(
                        guild.id, PermissionOverwrite.ROLE, 0, Permission.READ_MESSAGE_HISTORY)))
            .id;
    sim.control().postMessage(hidden, alice, "before the bot looked");

    SimHttp.Answer history = http.get("channels/" + hidden + "/messages");

    assertThat(history.status()).isEqualTo(200);
    assertThat(history.json().size()).isZero();
    assertThat(sim.control().invalidRequests()).isZero();
  }

  @Test
  @DisplayName("A modal's body is checked: title over 45 characters and no components are 50035")
  void modalBodyIsValidated() {
    start();
    http.send(
        "PUT",
        "applications/" + bot.applicationId() + "/guilds/" + guild.id + "/commands",
        "[{\"name\":\"ask\",\"description\":\"Asks\"}]");
    var interaction = sim.control().runCommand(guild.id, general, alice, "ask", null);
    String callback = "interactions/" + interaction.id + "/" + interaction.token + "/callback";

    SimHttp.Answer bad =
        http.post(
            callback,
            "{\"type\":9,\"data\":{\"custom_id\":\"form\",\"title\":\""
                + "t".repeat(46)
                + "\",\"components\":[]}}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(firstError(bad, "data.title").path("code").asText())
        .isEqualTo("BASE_TYPE_BAD_LENGTH");
    assertThat(firstError(bad, "data.components").path("code").asText())
        .isEqualTo("BASE_TYPE_BAD_LENGTH");
    assertThat(interaction.acknowledged()).as("a refused modal does not acknowledge").isFalse();
  }

  @Test
  @DisplayName("An injected 429 carries the route's X-RateLimit headers, as Discord's do")
  void faultedRateLimitCarriesBucketHeaders() {
    start();
    String route = "POST /channels/{channel_id}/messages";
    sim.control().faults().add(new Fault.ForcedRateLimit(route, Scope.USER, 1500, 1));

    SimHttp.Answer limited = http.post("channels/" + general + "/messages", "{\"content\":\"x\"}");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("5");
    assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("5");
    assertThat(limited.header("X-RateLimit-Bucket")).isNotBlank();
    assertThat(limited.header("X-RateLimit-Reset-After")).isNotBlank();
  }

  @Test
  @DisplayName(
      "The Cloudflare ban lasts its full length (1 h by default) however the count drops meanwhile")
  void cloudflareBanLastsAnHour() {
    TestClock clock = TestClock.frozenAt(Instant.parse("2026-01-01T00:00:00Z"));
    start(
        SimOptions.defaults()
            .withClock(clock)
            .withRateLimits(
                RateLimitPolicy.discordDefaults()
                    .withInvalidRequestLimit(20, Duration.ofMinutes(10))));
    SimHttp bad = new SimHttp(sim, "not-a-token");
    for (int i = 0; i < 20; i++) {
      bad.get("users/@me");
    }
    assertThat(http.get("users/@me").status()).isEqualTo(429);

    clock.advance(Duration.ofMinutes(11));
    SimHttp.Answer stillBanned = http.get("users/@me");
    clock.advance(Duration.ofMinutes(50));
    SimHttp.Answer lifted = http.get("users/@me");

    assertThat(sim.control().invalidRequests()).as("the sliding count has dropped").isZero();
    assertThat(stillBanned.status()).isEqualTo(429);
    assertThat(stillBanned.raw().body()).contains("1015");
    assertThat(Long.parseLong(stillBanned.header("Retry-After"))).isEqualTo(49 * 60);
    assertThat(lifted.status()).isEqualTo(200);
  }

  @Test
  @DisplayName("The ban's length comes from SimOptions")
  void cloudflareBanLengthIsConfigurable() {
    TestClock clock = TestClock.frozenAt(Instant.parse("2026-01-01T00:00:00Z"));
    start(
        SimOptions.defaults()
            .withClock(clock)
            .withCloudflareBan(Duration.ofMinutes(5))
            .withRateLimits(
                RateLimitPolicy.discordDefaults()
                    .withInvalidRequestLimit(5, Duration.ofMinutes(10))));
    SimHttp bad = new SimHttp(sim, "not-a-token");
    for (int i = 0; i < 5; i++) {
      bad.get("users/@me");
    }

    SimHttp.Answer banned = http.get("users/@me");
    clock.advance(Duration.ofMinutes(5));

    assertThat(banned.header("Retry-After")).isEqualTo("300");
    assertThat(http.get("users/@me").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("404s on a webhook count as invalid requests; other 404s do not")
  void webhook404sAreInvalid() {
    start();

    for (int i = 0; i < 3; i++) {
      assertThat(http.post("webhooks/123/nope", "{\"content\":\"x\"}").status()).isEqualTo(404);
    }
    assertThat(http.get("channels/" + general + "/messages/1").status()).isEqualTo(404);

    assertThat(sim.control().invalidRequests()).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "A plain webhook execution counts against the global limit of the token sent, or the IP's")
  void webhookExecutionCountsAgainstItsAuthentication() {
    // A clock standing still keeps both requests in one second however slow the machine.
    start(
        SimOptions.defaults()
            .withClock(TestClock.frozenAt(Instant.parse("2026-01-01T00:00:00Z")))
            .withRateLimits(RateLimitPolicy.discordDefaults().withGlobalPerSecond(1)));
    JsonNode webhook = http.post("channels/" + general + "/webhooks", "{\"name\":\"hook\"}").json();
    String execute =
        "webhooks/" + webhook.path("id").asText() + "/" + webhook.path("token").asText();
    SimHttp anonymous = new SimHttp(sim, null);

    SimHttp.Answer withBotToken = http.post(execute, "{\"content\":\"as the bot\"}");
    SimHttp.Answer withoutToken = anonymous.post(execute, "{\"content\":\"as the IP\"}");

    assertThat(withBotToken.status())
        .as("the bot's one request this second went to creating the webhook")
        .isEqualTo(429);
    assertThat(withBotToken.header("X-RateLimit-Global")).isEqualTo("true");
    assertThat(withoutToken.status()).isEqualTo(204);
  }

  @Test
  @DisplayName(
      "Deleting messages older than 14 days counts in its own, slower bucket (30 per 120 s)")
  void oldMessageDeletesHaveTheirOwnBucket() {
    start(
        SimOptions.defaults()
            .withRateLimits(
                RateLimitPolicy.discordDefaults()
                    .withRoute(RateLimitPolicy.OLD_MESSAGE_DELETE, 2, Duration.ofMinutes(2))));
    Instant old = Instant.now().minus(Duration.ofDays(15));
    List<SimMessage> olds =
        List.of(
            sim.control().postMessage(general, alice, "old 1", old),
            sim.control().postMessage(general, alice, "old 2", old.plusSeconds(1)),
            sim.control().postMessage(general, alice, "old 3", old.plusSeconds(2)));
    SimMessage fresh = sim.control().postMessage(general, alice, "fresh");
    String messages = "channels/" + general + "/messages/";

    SimHttp.Answer first = http.send("DELETE", messages + olds.get(0).id, null);
    SimHttp.Answer second = http.send("DELETE", messages + olds.get(1).id, null);
    SimHttp.Answer third = http.send("DELETE", messages + olds.get(2).id, null);
    SimHttp.Answer recent = http.send("DELETE", messages + fresh.id, null);

    assertThat(first.status()).isEqualTo(204);
    assertThat(second.status()).isEqualTo(204);
    assertThat(third.status()).isEqualTo(429);
    assertThat(Long.parseLong(third.header("Retry-After"))).isGreaterThan(60);
    assertThat(recent.status()).as("recent messages count in the ordinary bucket").isEqualTo(204);
    assertThat(recent.header("X-RateLimit-Bucket"))
        .isNotEqualTo(first.header("X-RateLimit-Bucket"));
    assertThat(RateLimitPolicy.discordDefaults().forRoute(RateLimitPolicy.OLD_MESSAGE_DELETE))
        .satisfies(
            limit -> {
              assertThat(limit.limit()).isEqualTo(30);
              assertThat(limit.window()).isEqualTo(Duration.ofSeconds(120));
            });
  }

  @Test
  @DisplayName("Edits of messages older than an hour are limited: past it a 429 with code 30046")
  void oldMessageEditsHitThirtyFortySix() {
    start(
        SimOptions.defaults()
            .withRateLimits(
                RateLimitPolicy.discordDefaults()
                    .withRoute(RateLimitPolicy.OLD_MESSAGE_EDIT, 2, Duration.ofHours(1))));
    SimMessage old =
        sim.control()
            .postMessage(general, bot.user.id, "status", Instant.now().minus(Duration.ofHours(2)));
    SimMessage recent = sim.control().postMessage(general, bot.user.id, "recent");
    String messages = "channels/" + general + "/messages/";

    List<Integer> statuses =
        List.of(1, 2).stream()
            .map(
                i -> http.send("PATCH", messages + old.id, "{\"content\":\"v" + i + "\"}").status())
            .toList();
    SimHttp.Answer third = http.send("PATCH", messages + old.id, "{\"content\":\"v3\"}");
    SimHttp.Answer recentEdit = http.send("PATCH", messages + recent.id, "{\"content\":\"r\"}");

    assertThat(statuses).containsOnly(200);
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.json().path("code").asInt()).isEqualTo(30046);
    assertThat(third.json().path("message").asText())
        .startsWith("Maximum number of edits to messages older than 1 hour reached");
    assertThat(third.header("Retry-After")).isNotNull();
    assertThat(recentEdit.status()).isEqualTo(200);
    assertThat(old.content).isEqualTo("v2");
  }

  @Test
  @DisplayName("Emoji creates are limited per guild; the 429 names the emoji bucket")
  void emojiCreatesAreLimitedPerGuild() {
    start();
    SimBot artist =
        sim.control()
            .createBot(
                "artist",
                null,
                dev.cogworks.sim.control.SimControl.DEFAULT_BOT_PERMISSIONS
                    | Permission.MANAGE_GUILD_EXPRESSIONS
                    | Permission.CREATE_GUILD_EXPRESSIONS);
    SimHttp artistHttp = new SimHttp(sim, artist.token);
    String png = "data:image/png;base64,iVBORw0KGgo=";

    List<Integer> statuses =
        java.util.stream.IntStream.range(0, 6)
            .mapToObj(
                i ->
                    artistHttp
                        .post(
                            "guilds/" + guild.id + "/emojis",
                            "{\"name\":\"e" + i + "\",\"image\":\"" + png + "\"}")
                        .status())
            .toList();

    assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
    assertThat(sim.control().state().guilds.get(guild.id).emojis.values())
        .extracting(e -> e.name())
        .contains("e0", "e4")
        .doesNotContain("e5");
  }

  @Test
  @DisplayName(
      "A scope holds 100 slash, 15 user and 15 message commands; a 16th user command is refused")
  void commandCapsPerType() {
    start(SimOptions.defaults().withRateLimits(RateLimitPolicy.discordDefaults().scaled(0.001)));
    String path = "applications/" + bot.applicationId() + "/guilds/" + guild.id + "/commands";
    StringBuilder full = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      full.append("{\"name\":\"s").append(i).append("\",\"description\":\"d\"},");
    }
    for (int i = 0; i < 15; i++) {
      full.append("{\"type\":2,\"name\":\"User ").append(i).append("\"},");
      full.append("{\"type\":3,\"name\":\"Message ").append(i).append("\"},");
    }
    full.setCharAt(full.length() - 1, ']');

    SimHttp.Answer all = http.send("PUT", path, full.toString());
    SimHttp.Answer oneMoreUser = http.post(path, "{\"type\":2,\"name\":\"User 15\"}");

    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().size()).isEqualTo(130);
    assertThat(oneMoreUser.status()).isEqualTo(400);
    assertThat(oneMoreUser.json().path("code").asInt()).isEqualTo(30032);
    assertThat(oneMoreUser.json().path("message").asText()).contains("(15)");
  }
}
