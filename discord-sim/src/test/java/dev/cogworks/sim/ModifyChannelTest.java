package dev.cogworks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimGuild;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PATCH /channels/{id} over raw HTTP: Discord's Modify Channel and its sub-limit")
class ModifyChannelTest {
  private final TestClock clock = TestClock.frozenAt(Instant.parse("2026-01-01T00:00:00Z"));
  private DiscordSim sim;
  private SimGuild guild;
  private SimChannel general;
  private SimHttp rest;

  @BeforeEach
  void start() {
    sim = DiscordSim.start(SimOptions.defaults().withClock(clock));
    guild = SandboxSeed.apply(sim.control());
    general = sim.control().channelByName(guild.id, "general").orElseThrow();
    SimBot bot =
        sim.control()
            .createBot(
                "cogworks",
                null,
                SimControl.DEFAULT_BOT_PERMISSIONS | Permission.MANAGE_CHANNELS,
                PrivilegedIntent.all());
    rest = new SimHttp(sim, bot.token);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private SimHttp.Answer patch(SimChannel channel, String body) {
    return rest.send("PATCH", "channels/" + channel.id, body);
  }

  @Test
  @DisplayName(
      "two renames or topic changes per 10 minutes per channel; the third is a user-scope 429 with"
          + " the route's bucket headers and a retry_after to the window's end; other fields and"
          + " other channels are not held back; past the window it lands")
  void nameAndTopicSubLimit() {
    SimHttp.Answer first = patch(general, "{\"name\":\"news\"}");
    SimHttp.Answer second = patch(general, "{\"topic\":\"today\"}");
    clock.advance(Duration.ofMinutes(1));

    SimHttp.Answer third = patch(general, "{\"name\":\"headlines\"}");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("name").asText()).isEqualTo("news");
    assertThat(second.json().path("topic").asText()).isEqualTo("today");
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.header("X-RateLimit-Scope")).isEqualTo("user");
    assertThat(third.header("X-RateLimit-Global")).isNull();
    assertThat(third.header("X-RateLimit-Bucket")).isEqualTo(first.header("X-RateLimit-Bucket"));
    assertThat(third.header("X-RateLimit-Limit")).isNotNull();
    assertThat(third.header("X-RateLimit-Remaining")).isNotNull();
    assertThat(third.header("Retry-After")).isEqualTo("540");
    assertThat(third.json().path("retry_after").asDouble()).isEqualTo(540.0);
    assertThat(third.json().path("global").asBoolean()).isFalse();
    assertThat(general.name).isEqualTo("news");
    assertThat(patch(general, "{\"nsfw\":true,\"rate_limit_per_user\":5}").status()).isEqualTo(200);
    SimChannel music = sim.control().channelByName(guild.id, "music").orElseThrow();
    assertThat(patch(music, "{\"name\":\"tunes\"}").status()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(9));
    SimHttp.Answer later = patch(general, "{\"name\":\"headlines\"}");

    assertThat(later.status()).isEqualTo(200);
    assertThat(later.json().path("name").asText()).isEqualTo("headlines");
    assertThat(later.json().path("nsfw").asBoolean()).isTrue();
    assertThat(later.json().path("rate_limit_per_user").asInt()).isEqualTo(5);
  }

  @Test
  @DisplayName(
      "invalid fields are 50035 at their names: name 1-100, topic up to 1024, slowmode 0-21600,"
          + " overwrite type; nothing changes")
  void invalidFields() {
    JsonNode errors =
        patch(
                general,
                "{\"name\":\"\",\"topic\":\""
                    + "x".repeat(1025)
                    + "\",\"rate_limit_per_user\":21601,"
                    + "\"permission_overwrites\":[{\"id\":\"1\",\"type\":7}]}")
            .json();
    SimHttp.Answer tooLong = patch(general, "{\"name\":\"" + "n".repeat(101) + "\"}");

    assertThat(errors.path("code").asInt()).isEqualTo(50035);
    assertThat(errors.at("/errors/name/_errors/0/code").asText()).isEqualTo("BASE_TYPE_BAD_LENGTH");
    assertThat(errors.at("/errors/topic/_errors/0/code").asText())
        .isEqualTo("BASE_TYPE_MAX_LENGTH");
    assertThat(errors.at("/errors/rate_limit_per_user/_errors/0/code").asText())
        .isEqualTo("NUMBER_TYPE_MAX");
    assertThat(errors.at("/errors/permission_overwrites/0/type/_errors/0/code").asText())
        .isEqualTo("BASE_TYPE_CHOICES");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().at("/errors/name/_errors/0/code").asText())
        .isEqualTo("BASE_TYPE_BAD_LENGTH");
    assertThat(general.name).isEqualTo("general");
  }

  @Test
  @DisplayName(
      "without Manage Channels 403 50013; overwrites granting what the bot lacks 50013; a DM"
          + " 50003; X-Audit-Log-Reason is accepted")
  void permissions() {
    SimBot plain = sim.control().createBot("plain", PrivilegedIntent.all());
    SimHttp.Answer refused =
        new SimHttp(sim, plain.token).send("PATCH", "channels/" + general.id, "{\"name\":\"x\"}");
    SimHttp.Answer grantsAdmin =
        patch(
            general,
            "{\"permission_overwrites\":[{\"id\":\""
                + guild.id
                + "\",\"type\":0,\"allow\":\""
                + Permission.ADMINISTRATOR
                + "\",\"deny\":\"0\"}]}");
    long alice = sim.control().userByName("alice").orElseThrow().id;
    SimChannel dm = sim.control().openDirectMessage(alice, plain.user.id);
    SimHttp.Answer inDm =
        new SimHttp(sim, plain.token).send("PATCH", "channels/" + dm.id, "{\"name\":\"x\"}");
    SimHttp.Answer withReason =
        rest.send(
            "PATCH",
            "channels/" + general.id,
            "{\"permission_overwrites\":[{\"id\":\""
                + guild.id
                + "\",\"type\":0,\"allow\":\"0\",\"deny\":\""
                + Permission.SEND_MESSAGES
                + "\"}]}",
            "X-Audit-Log-Reason",
            "quiet%20hours");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("code").asInt()).isEqualTo(50013);
    assertThat(grantsAdmin.json().path("code").asInt()).isEqualTo(50013);
    assertThat(inDm.json().path("code").asInt()).isEqualTo(50003);
    assertThat(withReason.status()).isEqualTo(200);
    assertThat(withReason.json().at("/permission_overwrites/0/deny").asText())
        .isEqualTo(Long.toString(Permission.SEND_MESSAGES));
  }
}
