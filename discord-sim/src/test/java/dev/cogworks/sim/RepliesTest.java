package dev.cogworks.sim;

import static dev.cogworks.sim.DiscordAssertions.assertError;
import static dev.cogworks.sim.DiscordAssertions.errorCodeAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Replies: message_reference on create, referenced_message, reply pings, failures")
class RepliesTest {
  private static RestFixture f;

  @BeforeAll
  static void start() {
    f = RestFixture.start();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static SimHttp.Answer reply(long channel, long messageId, String extra) {
    return f.http.post(
        "channels/" + channel + "/messages",
        "{\"content\":\"pong\",\"nonce\":\"n-"
            + messageId
            + "\",\"message_reference\":{\"message_id\":\""
            + messageId
            + "\""
            + extra);
  }

  private static SimMessage stored(long channel, JsonNode answer) {
    long id = Long.parseLong(answer.path("id").asText());
    return f.sim.control().messages(channel).stream().filter(m -> m.id == id).findFirst().get();
  }

  private static List<String> mentioned(JsonNode message) {
    return java.util.stream.StreamSupport.stream(message.path("mentions").spliterator(), false)
        .map(m -> m.path("username").asText())
        .toList();
  }

  @Test
  @DisplayName(
      "A reply is type 19 with message_reference and referenced_message; the stored message"
          + " records what it replies to and its nonce")
  void createsAReply() {
    long channel = f.freshChannel();
    SimMessage command = f.sim.control().postMessage(channel, f.alice, "!ping");

    SimHttp.Answer answer = reply(channel, command.id, "}}");

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    JsonNode json = answer.json();
    assertThat(json.path("type").asInt()).isEqualTo(19);
    assertThat(json.at("/message_reference/message_id").asText())
        .isEqualTo(Long.toString(command.id));
    assertThat(json.at("/message_reference/channel_id").asText()).isEqualTo(Long.toString(channel));
    assertThat(json.at("/message_reference/guild_id").asText())
        .isEqualTo(Long.toString(f.guild.id));
    assertThat(json.at("/referenced_message/content").asText()).isEqualTo("!ping");
    assertThat(json.at("/referenced_message/author/username").asText()).isEqualTo("alice");
    SimMessage stored = stored(channel, json);
    assertThat(stored.referencedMessage).isSameAs(command);
    assertThat(stored.nonce).isEqualTo("n-" + command.id);
    assertThat(
            f.sim.control().messagesJson(channel).get(1).at("/referenced_message/content").asText())
        .isEqualTo("!ping");
  }

  @Test
  @DisplayName(
      "The replied user is pinged without allowed_mentions, not with it, unless replied_user")
  void repliedUserPing() {
    long channel = f.freshChannel();
    long command = f.sim.control().postMessage(channel, f.alice, "!ping").id;

    SimHttp.Answer noAllowed = reply(channel, command, "}}");
    SimHttp.Answer allowedEmpty = reply(channel, command, "},\"allowed_mentions\":{\"parse\":[]}}");
    SimHttp.Answer allowedReplied =
        reply(channel, command, "},\"allowed_mentions\":{\"parse\":[],\"replied_user\":true}}");

    assertThat(mentioned(noAllowed.json())).containsExactly("alice");
    assertThat(mentioned(allowedEmpty.json())).isEmpty();
    assertThat(mentioned(allowedReplied.json())).containsExactly("alice");
    assertThat(stored(channel, allowedEmpty.json()).mentions).isEmpty();
  }

  @Test
  @DisplayName(
      "A reply to a missing message: 50035 on message_reference by default, a plain message with"
          + " fail_if_not_exists false")
  void missingMessage() {
    long channel = f.freshChannel();
    long deleted = f.sim.control().postMessage(channel, f.alice, "gone").id;
    f.http.send("DELETE", "channels/" + channel + "/messages/" + deleted, null);

    SimHttp.Answer refused = reply(channel, deleted, "}}");
    SimHttp.Answer plain = reply(channel, deleted, ",\"fail_if_not_exists\":false}}");

    assertError(refused, 400, 50035);
    assertThat(errorCodeAt(refused, "/message_reference"))
        .isEqualTo("MESSAGE_REFERENCE_UNKNOWN_MESSAGE");
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.json().path("type").asInt()).isZero();
    assertThat(plain.json().has("message_reference")).isFalse();
    assertThat(stored(channel, plain.json()).referencedMessage).isNull();
  }

  @Test
  @DisplayName("Once the replied message is deleted, referenced_message is null")
  void deletedReference() {
    long channel = f.freshChannel();
    long command = f.sim.control().postMessage(channel, f.alice, "soon gone").id;
    String replyId = reply(channel, command, "}}").json().path("id").asText();

    f.http.send("DELETE", "channels/" + channel + "/messages/" + command, null);
    JsonNode fetched = f.http.get("channels/" + channel + "/messages/" + replyId).json();

    assertThat(fetched.path("type").asInt()).isEqualTo(19);
    assertThat(fetched.has("referenced_message")).isTrue();
    assertThat(fetched.get("referenced_message").isNull()).isTrue();
  }

  @Test
  @DisplayName("Replying across channels is 50035; without Read Message History it is 160002")
  void crossChannelAndPermission() {
    long channel = f.freshChannel();
    long command = f.sim.control().postMessage(channel, f.alice, "!ping").id;
    SimChannel noHistory =
        f.sim
            .control()
            .createChannel(
                f.guild.id,
                "no-history",
                List.of(
                    new PermissionOverwrite(
                        f.guild.id, PermissionOverwrite.ROLE, 0, Permission.READ_MESSAGE_HISTORY)));
    long there = f.sim.control().postMessage(noHistory.id, f.alice, "hi").id;

    SimHttp.Answer otherChannel =
        reply(f.freshChannel(), command, ",\"channel_id\":\"" + channel + "\"}}");
    SimHttp.Answer withoutHistory = reply(noHistory.id, there, "}}");

    assertError(otherChannel, 400, 50035);
    assertThat(errorCodeAt(otherChannel, "/message_reference"))
        .isEqualTo("REPLIES_CANNOT_REFERENCE_OTHER_CHANNEL");
    assertError(withoutHistory, 403, 160002);
  }
}
