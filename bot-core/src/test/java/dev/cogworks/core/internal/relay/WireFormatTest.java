package dev.cogworks.core.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.api.messaging.ActionRow;
import dev.cogworks.api.messaging.AllowedMentions;
import dev.cogworks.api.messaging.ButtonStyle;
import dev.cogworks.api.messaging.Component;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.InteractionToken;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.Results.BatchResult;
import dev.cogworks.api.messaging.Results.GuildEmoji;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import dev.cogworks.api.messaging.Results.HistoryMessage;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.api.messaging.WebhookToken;
import dev.cogworks.core.internal.messaging.RequestTimeoutException;
import dev.cogworks.core.internal.messaging.json.RequestJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The external gateway's JSON is pinned by golden files in {@code src/test/resources/wire}: one
 * request and one answer per action, in the seed's field names. A change to the format shows up
 * here as a diff to review, since bots and workers of different versions read each other's JSON.
 */
@DisplayName("Wire format (golden files)")
class WireFormatTest {
  private static final Instant AT = Instant.parse("2026-11-25T12:00:00.250Z");
  private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
  private static final long CHANNEL = 1100000000000000001L;
  private static final long GUILD = 1000000000000000001L;
  private static final long MESSAGE = 1300000000000000001L;

  private static final InteractionToken TOKEN = new InteractionToken("aW50ZXJhY3Rpb246dG9rZW4");

  record Case(String name, DiscordRequest<?> request, Object result) {}

  static Stream<Arguments> cases() {
    Embed embed =
        Embed.of("Now playing", "Song 2")
            .withColor(0x5865F2)
            .withField("Length", "2:02", true)
            .withFooter("requested by alice");
    return Stream.of(
            new Case(
                "send_message",
                new DiscordRequest.SendMessage(
                    CHANNEL,
                    "Downloading track 1...",
                    SendOptions.DEFAULT
                        .withEmbeds(embed)
                        .deleteAfter(Duration.ofSeconds(300))
                        .withAllowedMentions(
                            new AllowedMentions(false, false, false, Set.of(1200000000000000001L)))
                        .withNonce("9f86d081884c7d65")
                        .replyingTo(MESSAGE - 1)),
                new SentMessage(List.of(MESSAGE))),
            new Case(
                "edit_message",
                new DiscordRequest.EditMessage(
                    CHANNEL, MESSAGE, "Download complete!", null, Priority.LOW),
                null),
            new Case(
                "delete_message",
                new DiscordRequest.DeleteMessage(CHANNEL, MESSAGE, Priority.NORMAL),
                null),
            new Case(
                "fetch_channel_history",
                new DiscordRequest.FetchChannelHistory(
                    CHANNEL,
                    2,
                    1290000000000000001L,
                    Instant.parse("2026-11-25T00:00:00Z"),
                    Priority.LOW),
                List.of(
                    new HistoryMessage(
                        MESSAGE,
                        1200000000000000001L,
                        "Hello world",
                        Instant.parse("2026-11-24T12:00:00Z"),
                        List.of(),
                        List.of("https://cdn.example/a.png")),
                    new HistoryMessage(
                        MESSAGE + 1,
                        1200000000000000002L,
                        "hi",
                        Instant.parse("2026-11-24T12:00:01Z"),
                        List.of(Embed.of("t", "d")),
                        List.of(),
                        true))),
            new Case(
                "fetch_guild_emojis",
                new DiscordRequest.FetchGuildEmojis(GUILD, Priority.LOW),
                List.of(
                    new GuildEmoji(
                        1400000000000000001L,
                        "poggers",
                        false,
                        "https://cdn.discordapp.com/emojis/1400000000000000001.png"))),
            new Case(
                "batch_update_messages",
                new DiscordRequest.BatchUpdateMessages(
                    CHANNEL,
                    List.of(
                        new MessageUpdate(MESSAGE, "Track 1 done"),
                        new MessageUpdate(MESSAGE + 1, "Track 2 done"))),
                new BatchResult(1, 1, Map.of(MESSAGE + 1, "404 / 10008: Unknown Message"))),
            new Case(
                "list_roles",
                new DiscordRequest.ListRoles(GUILD),
                List.of(
                    new GuildRole(1500000000000000001L, "DJ", 3, false, 36700160L, 0x1ABC9C),
                    new GuildRole(GUILD, "@everyone", 0, false, 104324673L, 0))),
            new Case(
                "add_role",
                new DiscordRequest.AddRole(
                    GUILD,
                    1200000000000000001L,
                    1500000000000000001L,
                    "role add by alice (1200000000000000002)"),
                null),
            new Case(
                "remove_role",
                new DiscordRequest.RemoveRole(
                    GUILD, 1200000000000000001L, 1500000000000000001L, "panel: bob"),
                null),
            new Case(
                "fetch_member",
                new DiscordRequest.FetchMember(GUILD, 1200000000000000001L),
                new GuildMember(
                    1200000000000000001L, "alice", false, List.of(1500000000000000001L), false)),
            new Case(
                "list_role_members",
                new DiscordRequest.ListRoleMembers(GUILD, 1500000000000000001L),
                List.of(
                    new GuildMember(
                        1200000000000000001L, "alice", false, List.of(1500000000000000001L), false),
                    new GuildMember(
                        1200000000000000003L,
                        "admin",
                        false,
                        List.of(1500000000000000001L, 1500000000000000002L),
                        true))),
            new Case(
                "edit_interaction_response",
                new DiscordRequest.EditInteractionResponse(
                    CHANNEL,
                    TOKEN,
                    "Pong! Gateway 12 ms.",
                    null,
                    List.of(
                        ActionRow.of(
                            Component.Button.of(ButtonStyle.SECONDARY, "core:again", "Again"))),
                    null),
                new SentMessage(List.of(MESSAGE))),
            new Case(
                "send_followup",
                new DiscordRequest.SendFollowup(
                    CHANNEL,
                    TOKEN,
                    "Only you can see this.",
                    List.of(),
                    List.of(),
                    true,
                    Priority.CRITICAL),
                new SentMessage(List.of(MESSAGE))),
            new Case(
                "delete_interaction_response",
                new DiscordRequest.DeleteInteractionResponse(CHANNEL, TOKEN, Priority.CRITICAL),
                null),
            new Case(
                "execute_webhook",
                new DiscordRequest.ExecuteWebhook(
                    1600000000000000001L,
                    new WebhookToken("d2ViaG9vazp0b2tlbg"),
                    "",
                    List.of(
                        Embed.of("Dead letter", "send_message on #general failed")
                            .withColor(0xE74C3C)
                            .withField("Error", "403 / 50013: Missing Permissions", false)),
                    Priority.CRITICAL),
                new SentMessage(List.of(MESSAGE))))
        .map(c -> Arguments.of(c.name(), c));
  }

  @ParameterizedTest(name = "{0}: request matches its golden file and reads back the same")
  @MethodSource("cases")
  void request(String name, Case c) throws IOException {
    WireRequest wire = new WireRequest(ID, c.request(), AT, AT.plusSeconds(30), "bot_0a1b2c3d4e5f");

    update(name + ".request.json", wire.toJson());
    assertThat(tree(wire.toJson())).isEqualTo(golden(name + ".request.json"));
    WireRequest read = WireRequest.fromJson(golden(name + ".request.json").toString());
    assertThat(read.request()).isEqualTo(c.request());
    assertThat(read.requestId()).isEqualTo(ID);
    assertThat(read.deadline()).isEqualTo(AT.plusSeconds(30));
    assertThat(read.replyTo()).isEqualTo("bot_0a1b2c3d4e5f");
  }

  @ParameterizedTest(name = "{0}: answer matches its golden file and reads back the same")
  @MethodSource("cases")
  void response(String name, Case c) throws IOException {
    WireResponse wire = WireResponse.success(c.request(), ID, c.result(), AT, 1, "worker_1_abc");

    update(name + ".response.json", wire.toJson());
    assertThat(tree(wire.toJson())).isEqualTo(golden(name + ".response.json"));
    WireResponse read = WireResponse.fromJson(golden(name + ".response.json").toString());
    assertThat(read.success()).isTrue();
    assertThat(read.result(c.request())).isEqualTo(c.result());
  }

  @Test
  @DisplayName("A Discord error keeps its status, code and meaning (golden error.response.json)")
  void discordError() throws IOException {
    WireResponse wire =
        WireResponse.failure(
            ID, new DiscordRequestException(404, 10008, "Unknown Message"), AT, 1, "worker_1_abc");

    update("error.response.json", wire.toJson());
    assertThat(tree(wire.toJson())).isEqualTo(golden("error.response.json"));
    Throwable failure = WireResponse.fromJson(wire.toJson()).failure();
    assertThat(failure).isInstanceOf(DiscordRequestException.class);
    DiscordRequestException e = (DiscordRequestException) failure;
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.code()).isEqualTo(10008);
    assertThat(e.getMessage()).isEqualTo("404 / 10008: Unknown Message");
  }

  @Test
  @DisplayName("Expired, network, invalid and internal errors come back as their own types")
  void otherErrors() {
    Map<Throwable, Class<?>> cases = new LinkedHashMap<>();
    cases.put(new RequestTimeoutException("deadline passed"), RequestTimeoutException.class);
    cases.put(new IOException("connection reset"), IOException.class);
    cases.put(new IllegalArgumentException("missing channel_id"), IllegalArgumentException.class);
    cases.put(new IllegalStateException("boom"), RelayException.class);
    cases.forEach(
        (error, type) -> {
          WireResponse wire = WireResponse.failure(ID, error, AT, 3, "w");
          Throwable back = WireResponse.fromJson(wire.toJson()).failure();
          assertThat(back).isInstanceOf(type);
          assertThat(back.getMessage()).contains(error.getMessage());
        });
  }

  @Test
  @DisplayName("Every kind of request has golden files, so a new kind cannot skip the guard")
  void everyKindPinned() {
    assertThat(cases().<Class<?>>map(a -> ((Case) a.get()[1]).request().getClass()).toList())
        .containsExactlyInAnyOrder(DiscordRequest.class.getPermittedSubclasses());
  }

  @Test
  @DisplayName("Two identical requests get different request ids")
  void uniqueIds() {
    DiscordRequest<?> same = new DiscordRequest.DeleteMessage(CHANNEL, MESSAGE, null);
    assertThat(WireRequest.create(same, AT, Duration.ofSeconds(30), "b").requestId())
        .isNotEqualTo(WireRequest.create(same, AT, Duration.ofSeconds(30), "b").requestId());
  }

  @Test
  @DisplayName("A malformed request says what is wrong and keeps its id to answer")
  void malformed() {
    assertThatThrownBy(
            () ->
                WireRequest.fromJson(
                    "{\"request_id\":\"r1\",\"action\":\"launch_rocket\",\"params\":{},"
                        + "\"reply_to\":\"bot_x\"}"))
        .isInstanceOfSatisfying(
            WireRequest.InvalidWireRequest.class,
            e -> {
              assertThat(e.getMessage()).contains("unknown action 'launch_rocket'");
              assertThat(e.requestId()).isEqualTo("r1");
              assertThat(e.replyTo()).isEqualTo("bot_x");
            });
    assertThatThrownBy(
            () ->
                WireRequest.fromJson(
                    "{\"request_id\":\"r2\",\"action\":\"send_message\",\"params\":{}}"))
        .hasMessageContaining("missing channel_id");
  }

  @Test
  @DisplayName("The seed's single 'embed' is read as a list of one")
  void seedEmbed() {
    WireRequest read =
        WireRequest.fromJson(
            "{\"request_id\":\"r\",\"action\":\"send_message\",\"timestamp\":1.5,\"params\":"
                + "{\"channel_id\":\"5\",\"content\":\"x\",\"embed\":{\"title\":\"T\"}}}");
    assertThat(((DiscordRequest.SendMessage) read.request()).options().embeds())
        .extracting(Embed::title)
        .containsExactly("T");
  }

  /**
   * {@code mvn test -Dwire.update=true} rewrites the golden files from the code; review the diff
   * before committing it.
   */
  private static void update(String file, String json) throws IOException {
    if (Boolean.getBoolean("wire.update")) {
      java.nio.file.Path path = java.nio.file.Path.of("src/test/resources/wire", file);
      java.nio.file.Files.writeString(
          path,
          RequestJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(json))
              + "\n");
    }
  }

  private static JsonNode tree(String json) throws IOException {
    return RequestJson.MAPPER.readTree(json);
  }

  private static JsonNode golden(String file) throws IOException {
    try (InputStream in = WireFormatTest.class.getResourceAsStream("/wire/" + file)) {
      if (in == null) {
        throw new AssertionError("golden file wire/" + file + " is missing");
      }
      return RequestJson.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
