package dev.cogworks.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.PrivilegedIntent;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The HTTP control API under /_sim")
class ControlApiTest {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private DiscordSim sim;

  @BeforeEach
  void start() {
    sim = DiscordSim.start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private record Reply(int status, JsonNode json, HttpResponse<String> raw) {}

  private Reply call(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path.substring(1)))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), Json.parse(response.body()), response);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private String id(Reply reply) {
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return reply.json().path("id").asText();
  }

  @Test
  @DisplayName(
      "Builds a world: users, guild, channel, role, member, emoji, bot; /_sim/state shows it")
  void buildsAWorld() {
    String owner = id(call("POST", "/_sim/users", "{\"username\":\"olivia\"}"));
    String member = id(call("POST", "/_sim/users", "{\"username\":\"max\"}"));
    String guild =
        id(call("POST", "/_sim/guilds", "{\"name\":\"Club\",\"owner_id\":\"" + owner + "\"}"));
    String channel =
        id(call("POST", "/_sim/guilds/" + guild + "/channels", "{\"name\":\"lobby\"}"));
    String role =
        id(
            call(
                "POST",
                "/_sim/guilds/" + guild + "/roles",
                "{\"name\":\"DJ\",\"permissions\":\"0\",\"position\":2}"));
    Reply added =
        call(
            "POST",
            "/_sim/guilds/" + guild + "/members",
            "{\"user_id\":\"" + member + "\",\"role_ids\":[\"" + role + "\"]}");
    id(call("POST", "/_sim/guilds/" + guild + "/emojis", "{\"name\":\"party\",\"animated\":true}"));
    Reply bot = call("POST", "/_sim/bots", "{\"username\":\"helper\"}");

    JsonNode state = call("GET", "/_sim/state", null).json();

    assertThat(added.json().path("roles").get(0).asText()).isEqualTo(role);
    assertThat(bot.json().path("token").asText()).isNotBlank();
    assertThat(bot.json().path("application_id").asText())
        .isEqualTo(bot.json().path("id").asText());
    JsonNode club = state.path("guilds").get(0);
    assertThat(club.path("name").asText()).isEqualTo("Club");
    assertThat(club.path("owner_id").asText()).isEqualTo(owner);
    assertThat(names(club.path("channels"), "name")).containsExactly("lobby");
    assertThat(names(club.path("roles"), "name")).containsExactly("@everyone", "DJ", "helper");
    assertThat(club.path("members").findValues("username").stream().map(JsonNode::asText))
        .containsExactlyInAnyOrder("olivia", "max", "helper");
    assertThat(names(club.path("emojis"), "name")).containsExactly("party");
    assertThat(names(state.path("users"), "username")).contains("olivia", "max", "helper");
    assertThat(state.toString())
        .as("tokens are shown only once, at creation")
        .doesNotContain(bot.json().path("token").asText());
    assertThat(channel).isNotBlank();
  }

  private static List<String> names(JsonNode array, String field) {
    return Stream.iterate(0, i -> i < array.size(), i -> i + 1)
        .map(i -> array.get(i).path(field).asText())
        .toList();
  }

  @Test
  @DisplayName("A bot joins only the guilds it is given, with guild_ids")
  void botJoinsListedGuilds() {
    String first = id(call("POST", "/_sim/guilds", "{\"name\":\"one\"}"));
    id(call("POST", "/_sim/guilds", "{\"name\":\"two\"}"));

    call("POST", "/_sim/bots", "{\"username\":\"picky\",\"guild_ids\":[\"" + first + "\"]}");

    JsonNode guilds = call("GET", "/_sim/state", null).json().path("guilds");
    assertThat(guilds.get(0).path("members").toString()).contains("picky");
    assertThat(guilds.get(1).path("members").toString()).doesNotContain("picky");
  }

  @Test
  @DisplayName(
      "Users post; bots edit; /messages shows both oldest first with edit history; stats count")
  void messagesAndStats() {
    SandboxSeed.apply(sim.control());
    var guild = sim.control().guildByName("Sandbox").orElseThrow();
    long general = sim.control().channelByName(guild.id, "general").orElseThrow().id;
    long alice = sim.control().userByName("alice").orElseThrow().id;
    var bot = sim.control().createBot("testbot", PrivilegedIntent.all());
    SimHttp http = new SimHttp(sim, bot.token);

    Reply posted =
        call(
            "POST",
            "/_sim/channels/" + general + "/messages",
            "{\"author_id\":\"" + alice + "\",\"content\":\"hi bot\"}");
    String botMessage =
        http.post("channels/" + general + "/messages", "{\"content\":\"v1\"}")
            .json()
            .path("id")
            .asText();
    http.send("PATCH", "channels/" + general + "/messages/" + botMessage, "{\"content\":\"v2\"}");
    JsonNode messages = call("GET", "/_sim/channels/" + general + "/messages", null).json();
    JsonNode stats = call("GET", "/_sim/stats", null).json();

    assertThat(posted.json().path("author").path("username").asText()).isEqualTo("alice");
    assertThat(names(messages, "content")).containsExactly("hi bot", "v2");
    JsonNode edited = messages.get(1);
    assertThat(edited.path("edited_timestamp").isNull()).isFalse();
    assertThat(edited.path("edits").get(0).path("content").asText()).isEqualTo("v1");
    assertThat(edited.has("embeds")).isTrue();
    assertThat(edited.has("components")).isTrue();
    assertThat(stats.at("/requests_by_route/POST ~1channels~1{channel_id}~1messages").asInt())
        .isEqualTo(1);
    assertThat(stats.at("/requests_by_method/PATCH").asInt()).isEqualTo(1);
    assertThat(stats.at("/messages/created").asInt()).isEqualTo(2);
    assertThat(stats.at("/messages/edited").asInt()).isEqualTo(1);

    call("POST", "/_sim/stats/reset", null);
    assertThat(call("GET", "/_sim/stats", null).json().at("/messages/created").asInt()).isZero();
  }

  @Test
  @DisplayName("Faults: next-N 5xx on a route, added latency, forced 429 scopes; DELETE clears")
  void faults() {
    SandboxSeed.apply(sim.control());
    var guild = sim.control().guildByName("Sandbox").orElseThrow();
    long general = sim.control().channelByName(guild.id, "general").orElseThrow().id;
    SimHttp http =
        new SimHttp(sim, sim.control().createBot("testbot", PrivilegedIntent.all()).token);
    String send = "channels/" + general + "/messages";

    call(
        "POST",
        "/_sim/faults",
        "{\"type\":\"server_error\",\"route\":\"POST /channels/{channel_id}/messages\",\"count\":2,\"status\":502}");
    List<Integer> statuses =
        Stream.of(1, 2, 3)
            .map(i -> http.post(send, "{\"content\":\"try " + i + "\"}").status())
            .toList();
    assertThat(statuses).containsExactly(502, 502, 200);
    assertThat(http.get("users/@me").status()).as("other routes unaffected").isEqualTo(200);

    call("POST", "/_sim/faults", "{\"type\":\"latency\",\"millis\":300}");
    long started = System.nanoTime();
    http.get("users/@me");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    call("DELETE", "/_sim/faults", null);

    call(
        "POST",
        "/_sim/faults",
        "{\"type\":\"rate_limit\",\"scope\":\"shared\",\"retry_after\":1.5}");
    SimHttp.Answer shared = http.get("users/@me");
    call("POST", "/_sim/faults", "{\"type\":\"rate_limit\",\"scope\":\"user\"}");
    SimHttp.Answer user = http.get("users/@me");

    assertThat(shared.status()).isEqualTo(429);
    assertThat(shared.header("X-RateLimit-Scope")).isEqualTo("shared");
    assertThat(shared.header("Retry-After")).isEqualTo("2");
    assertThat(shared.json().path("code").asInt()).isEqualTo(20028);
    assertThat(user.header("X-RateLimit-Scope")).isEqualTo("user");
    assertThat(call("GET", "/_sim/stats", null).json().path("invalid_requests").asInt())
        .as("shared 429s are not the bot's fault and are not counted")
        .isEqualTo(1);
    assertThat(call("GET", "/_sim/faults", null).json()).isEmpty();
  }

  @Test
  @DisplayName("Bad control input answers 400 or 404 naming the problem")
  void badInput() {
    Reply noName = call("POST", "/_sim/users", "{}");
    Reply badFault = call("POST", "/_sim/faults", "{\"type\":\"meteor\"}");
    Reply unknownGuild = call("POST", "/_sim/guilds/42/channels", "{\"name\":\"x\"}");
    Reply malformed = call("POST", "/_sim/guilds", "{not json");

    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.json().path("message").asText()).contains("username");
    assertThat(badFault.status()).isEqualTo(400);
    assertThat(badFault.json().path("message").asText()).contains("server_error", "meteor");
    assertThat(unknownGuild.status()).isEqualTo(404);
    assertThat(unknownGuild.json().path("code").asInt()).isEqualTo(10004);
    assertThat(malformed.status()).isEqualTo(400);
  }

  @Test
  @DisplayName("/_sim/events streams a message_create when a user posts")
  void streamsEvents() throws Exception {
    SandboxSeed.apply(sim.control());
    var guild = sim.control().guildByName("Sandbox").orElseThrow();
    long general = sim.control().channelByName(guild.id, "general").orElseThrow().id;
    long bob = sim.control().userByName("bob").orElseThrow().id;
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + "_sim/events"))
            .header("Accept", "text/event-stream")
            .build();
    var stream = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    stream.thenAccept(response -> response.body().forEach(lines::add));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> lines.stream().anyMatch(l -> l.contains("hello")));

    sim.control().postMessage(general, bob, "streamed!");

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(lines).contains("event: message_create");
              assertThat(lines).anyMatch(l -> l.startsWith("data:") && l.contains("streamed!"));
            });
    stream.cancel(true);
  }

  @Test
  @DisplayName(
      "/_sim/links sets the chat page's header links: http(s) only, replaced by label, cleared")
  void pageLinks() {
    assertThat(call("GET", "/_sim/links", null).json()).isEmpty();
    Reply added =
        call(
            "POST", "/_sim/links", "{\"label\":\"Queue monitor\",\"url\":\"http://127.0.0.1:9/\"}");
    assertThat(added.status()).as(added.raw().body()).isEqualTo(200);
    call("POST", "/_sim/links", "{\"label\":\"Docs\",\"url\":\"https://example.org/docs\"}");
    call("POST", "/_sim/links", "{\"label\":\"Queue monitor\",\"url\":\"http://127.0.0.1:8081/\"}");
    JsonNode links = call("GET", "/_sim/links", null).json();
    assertThat(links).hasSize(2);
    assertThat(links.get(0).path("label").asText()).isEqualTo("Queue monitor");
    assertThat(links.get(0).path("url").asText()).isEqualTo("http://127.0.0.1:8081/");
    assertThat(sim.control().pageLinks().list()).hasSize(2);

    Reply script = call("POST", "/_sim/links", "{\"label\":\"x\",\"url\":\"javascript:alert(1)\"}");
    assertThat(script.status()).isEqualTo(400);
    assertThat(script.json().path("message").asText()).contains("http(s)");
    assertThat(call("POST", "/_sim/links", "{\"url\":\"http://a/\"}").status()).isEqualTo(400);

    assertThat(call("DELETE", "/_sim/links", null).json()).isEmpty();
    assertThat(sim.control().pageLinks().list()).isEmpty();
  }
}
