package dev.cogworks.sim;

import static dev.cogworks.sim.DiscordAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.sim.model.SimInteraction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ephemeral messages and message flags over REST")
class EphemeralMessagesTest {
  private static RestFixture f;

  @BeforeAll
  static void start() {
    f = RestFixture.start();
    f.registerCommands("[{\"name\":\"ping\",\"description\":\"Ping\"}]");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static SimInteraction ping(long channel) {
    return f.sim.control().runCommand(f.guild.id, channel, f.alice, "ping", null);
  }

  private static SimHttp.Answer callback(SimInteraction interaction, String body) {
    return f.http.post(
        "interactions/" + interaction.id + "/" + interaction.token + "/callback", body);
  }

  @Test
  @DisplayName(
      "An ephemeral reply is not in the channel for bots: unknown by id, absent from history, not"
          + " editable there; its interaction token still reaches it")
  void ephemeralReplyIsHiddenFromChannelRoutes() {
    long channel = f.freshChannel();
    SimInteraction interaction = ping(channel);
    callback(interaction, "{\"type\":4,\"data\":{\"content\":\"secret\",\"flags\":64}}");
    String id = Long.toString(interaction.originalMessageId);
    String message = "channels/" + channel + "/messages/" + id;

    assertError(f.http.get(message), 404, 10008);
    assertError(f.http.send("PATCH", message, "{\"content\":\"x\"}"), 404, 10008);
    assertError(f.http.send("DELETE", message, null), 404, 10008);
    assertThat(f.http.get("channels/" + channel + "/messages").json()).isEmpty();
    SimHttp.Answer viaToken =
        f.http.get(
            "webhooks/" + f.bot.applicationId() + "/" + interaction.token + "/messages/@original");
    assertThat(viaToken.status()).isEqualTo(200);
    assertThat(viaToken.json().path("flags").asInt()).isEqualTo(64);
  }

  @Test
  @DisplayName(
      "Flags a bot may not set are dropped: EPHEMERAL on a channel message, LOADING on a reply")
  void unsettableFlagsAreDropped() {
    long channel = f.freshChannel();
    SimInteraction interaction = ping(channel);

    SimHttp.Answer posted =
        f.http.post("channels/" + channel + "/messages", "{\"content\":\"hi\",\"flags\":64}");
    callback(interaction, "{\"type\":4,\"data\":{\"content\":\"pong\",\"flags\":132}}");

    assertThat(posted.json().path("flags").asInt()).isZero();
    assertThat(f.sim.control().messages(channel))
        .extracting(m -> m.flags)
        .containsExactly(0, 1 << 2);
  }

  @Test
  @DisplayName("A follow-up before the interaction is acknowledged is 10015 Unknown Webhook")
  void followUpBeforeAcknowledgement() {
    SimInteraction interaction = ping(f.freshChannel());

    SimHttp.Answer early =
        f.http.post(
            "webhooks/" + f.bot.applicationId() + "/" + interaction.token, "{\"content\":\"x\"}");

    assertError(early, 404, 10015);
  }
}
