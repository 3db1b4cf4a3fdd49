package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogworks.api.messaging.AllowedMentions;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Embed;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.Results.MessageUpdate;
import dev.cogworks.api.messaging.SendOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Requests as JSON, for dead letters and requests kept across restarts")
class RequestCodecTest {
  @Test
  @DisplayName("Every request survives encode then decode unchanged")
  void roundTrips() {
    List<DiscordRequest<?>> requests =
        List.of(
            new DiscordRequest.SendMessage(
                1L,
                "hello",
                SendOptions.DEFAULT
                    .withEmbeds(Embed.of("t", "d").withField("f", "v", true).withColor(0xff0000))
                    .withPriority(Priority.HIGH)
                    .deleteAfter(Duration.ofSeconds(5))
                    .withAllowedMentions(AllowedMentions.users(7L))
                    .withNonce("abc")),
            new DiscordRequest.EditMessage(1L, 2L, "new", null, Priority.LOW),
            new DiscordRequest.DeleteMessage(1L, 2L, null),
            new DiscordRequest.FetchHistory(1L, 250, 5L, Instant.parse("2026-01-01T00:00:00Z")),
            new DiscordRequest.FetchEmojis(9L),
            new DiscordRequest.BatchUpdateMessages(1L, List.of(new MessageUpdate(2L, "x"))),
            new DiscordRequest.ListRoles(9L),
            new DiscordRequest.AddRole(9L, 3L, 4L),
            new DiscordRequest.RemoveRole(9L, 3L, 4L));

    for (DiscordRequest<?> request : requests) {
      String json = RequestCodec.encode(request);
      assertThat(json).contains("\"action\":\"" + request.action() + "\"");
      assertThat(RequestCodec.decode(json)).isEqualTo(request);
    }
  }

  @Test
  @DisplayName("An unknown action is refused, naming the known ones")
  void unknownAction() {
    assertThatThrownBy(() -> RequestCodec.decode("{\"action\":\"launch\",\"params\":{}}"))
        .hasMessageContaining("unknown action 'launch'")
        .hasMessageContaining("send_message");
  }
}
