package dev.cogworks.core.internal.messaging.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogworks.api.messaging.ActionRow;
import dev.cogworks.api.messaging.AllowedMentions;
import dev.cogworks.api.messaging.ButtonStyle;
import dev.cogworks.api.messaging.Component;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.InteractionToken;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.api.messaging.WebhookToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The one JSON codec of requests (wire, dead letters, kept requests)")
class RequestJsonTest {
  private static final InteractionToken TOKEN = new InteractionToken("aW50ZXJhY3Rpb246c2VjcmV0");
  private static final WebhookToken WEBHOOK_TOKEN = new WebhookToken("d2ViaG9vazpzZWNyZXQ");

  /** One of every kind of request, with every option set. */
  static List<DiscordRequest<?>> everyKind() {
    ActionRow buttons =
        ActionRow.of(
            Component.Button.of(ButtonStyle.PRIMARY, "music:skip", "Skip"),
            Component.Button.link("https://example.com", "Site").asDisabled());
    ActionRow menu =
        ActionRow.of(
            Component.SelectMenu.of(
                "role:pick",
                "Pick a role",
                List.of(
                    Component.SelectOption.of("DJ", "1"),
                    new Component.SelectOption("Gamer", "2", "plays games", true))));
    return List.of(
        new DiscordRequest.SendMessage(
            1L,
            "hello",
            SendOptions.DEFAULT
                .withEmbeds(Embed.of("t", "d").withField("f", "v", true).withColor(0xff0000))
                .withComponents(buttons, menu)
                .withPriority(Priority.HIGH)
                .deleteAfter(Duration.ofMillis(1500))
                .withAllowedMentions(AllowedMentions.users(7L))
                .withNonce("abc")
                .replyingTo(99L)
                .rejectLongContent()),
        new DiscordRequest.EditMessage(1L, 2L, "new", null, List.of(buttons), Priority.LOW),
        new DiscordRequest.DeleteMessage(1L, 2L, null),
        new DiscordRequest.FetchChannelHistory(1L, 250, 5L, Instant.parse("2026-01-01T00:00:00Z")),
        new DiscordRequest.FetchGuildEmojis(9L),
        new DiscordRequest.BatchUpdateMessages(1L, List.of(new MessageUpdate(2L, "x"))),
        new DiscordRequest.ListRoles(9L),
        new DiscordRequest.AddRole(9L, 3L, 4L, "asked by alice"),
        new DiscordRequest.RemoveRole(9L, 3L, 4L),
        new DiscordRequest.FetchMember(9L, DiscordRequest.FetchMember.BOT),
        new DiscordRequest.ListRoleMembers(9L, 4L, Priority.LOW),
        new DiscordRequest.EditInteractionResponse(
            1L, TOKEN, "done", List.of(), List.of(menu), Priority.NORMAL),
        new DiscordRequest.SendFollowup(
            1L, TOKEN, "later", List.of(), List.of(), true, Priority.CRITICAL),
        new DiscordRequest.DeleteInteractionResponse(1L, TOKEN, null),
        new DiscordRequest.ExecuteWebhook(
            7L, WEBHOOK_TOKEN, "note", List.of(Embed.of("t", "d")), Priority.CRITICAL));
  }

  @Test
  @DisplayName("Every kind of request survives encode then decode unchanged")
  void roundTrips() {
    for (DiscordRequest<?> request : everyKind()) {
      String json = RequestJson.encode(request);
      assertThat(json).contains("\"action\":\"" + request.action() + "\"");
      assertThat(RequestJson.decode(json)).isEqualTo(request);
    }
  }

  @Test
  @DisplayName("The list above covers every kind, so a new one cannot go untested")
  void coversEveryKind() {
    Set<Class<?>> tested = everyKind().stream().map(Object::getClass).collect(Collectors.toSet());
    assertThat(tested).containsExactlyInAnyOrder(DiscordRequest.class.getPermittedSubclasses());
    assertThat(RequestJson.actions())
        .containsExactlyInAnyOrderElementsOf(
            everyKind().stream().map(DiscordRequest::action).toList());
  }

  @Test
  @DisplayName("Ids travel as strings, as in Discord's JSON")
  void idsAsStrings() {
    String json =
        RequestJson.encode(
            new DiscordRequest.AddRole(1000000000000000001L, 1200000000000000001L, 3L));
    assertThat(json)
        .contains("\"guild_id\":\"1000000000000000001\"")
        .contains("\"user_id\":\"1200000000000000001\"")
        .contains("\"role_id\":\"3\"");
  }

  @Test
  @DisplayName("An unknown action is refused, naming the known ones")
  void unknownAction() {
    assertThatThrownBy(() -> RequestJson.decode("{\"action\":\"launch\",\"params\":{}}"))
        .hasMessageContaining("unknown action 'launch'")
        .hasMessageContaining("send_message");
  }

  @Test
  @DisplayName("A missing id is refused by name instead of becoming 0")
  void missingId() {
    assertThatThrownBy(
            () -> RequestJson.decode("{\"action\":\"add_role\",\"params\":{\"guild_id\":\"1\"}}"))
        .hasMessageContaining("missing user_id");
  }

  @Test
  @DisplayName("Requests stored by the codec before this one (camelCase fields) still read")
  void earlierFormat() {
    String stored =
        "{\"action\":\"send_message\",\"params\":{\"channelId\":5,\"content\":\"kept\","
            + "\"options\":{\"embeds\":[],\"priority\":\"NORMAL\",\"deleteAfter\":null,"
            + "\"allowedMentions\":{\"everyone\":false,\"roles\":false,\"allUsers\":false,"
            + "\"users\":[]},\"nonce\":\"n1\",\"splitLongContent\":true}}}";
    DiscordRequest.SendMessage read = (DiscordRequest.SendMessage) RequestJson.decode(stored);
    assertThat(read.channelId()).isEqualTo(5L);
    assertThat(read.content()).isEqualTo("kept");
    assertThat(read.options().nonce()).isEqualTo("n1");
  }

  @Test
  @DisplayName("An interaction token is hidden when a stored request is shown, and in logs")
  void tokenRedacted() {
    DiscordRequest<?> followup =
        new DiscordRequest.SendFollowup(1L, TOKEN, "x", List.of(), List.of(), false, null);
    String stored = RequestJson.encode(followup);
    assertThat(stored).contains(TOKEN.value());
    assertThat(RequestJson.redacted(stored)).doesNotContain(TOKEN.value()).contains("[redacted]");
    assertThat(followup.toString()).doesNotContain(TOKEN.value());
    assertThat(Stream.of(everyKind().toArray()).map(String::valueOf))
        .noneMatch(text -> text.contains(TOKEN.value()));
  }

  @Test
  @DisplayName("A webhook token is hidden when a stored request is shown, and in logs")
  void webhookTokenRedacted() {
    DiscordRequest<?> post =
        new DiscordRequest.ExecuteWebhook(7L, WEBHOOK_TOKEN, "x", List.of(), null);
    String stored = RequestJson.encode(post);
    assertThat(stored).contains(WEBHOOK_TOKEN.value());
    assertThat(RequestJson.redacted(stored))
        .doesNotContain(WEBHOOK_TOKEN.value())
        .contains("[redacted]");
    assertThat(post.toString()).doesNotContain(WEBHOOK_TOKEN.value());
  }
}
