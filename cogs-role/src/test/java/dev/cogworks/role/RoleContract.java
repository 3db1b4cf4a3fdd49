package dev.cogworks.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import dev.cogworks.sim.model.SimRole;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What depends on how requests travel, run in every messaging mode: roles given and taken with
 * their audit reasons, the bot's and Discord's refusals reaching the cog typed, and the panel's
 * buttons and its redraw.
 */
abstract class RoleContract extends RoleSteps {
  @Test
  @DisplayName(
      "Self-serve: admin makes a role self-serve, alice takes it (audit reason names her), again is"
          + " 'already had it', and dropping it within 3 s waits for the interval")
  void selfServeRoundTrip() {
    SimRole red = role("Red", 0, 10);
    bot().post("admin", "roles", "!role self-serve add " + red.name);
    bot().awaitReply("roles", "\\*\\*" + red.name + "\\*\\* is self-serve");

    long asked = System.nanoTime();
    bot().post("alice", "roles", "!role add " + red.name);
    bot().awaitReply("roles", "<@" + userId("alice") + ">: ✅ gave \\*\\*" + red.name);
    assertThat(has("alice", red)).isTrue();
    assertThat(audit(red))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).startsWith("role add by alice (" + userId("alice")));

    bot().post("alice", "roles", "!role add " + red.name);
    bot().awaitReply("roles", "➖ already had \\*\\*" + red.name);

    bot().post("alice", "roles", "!role remove " + red.name);
    bot().awaitReply("roles", "✅ took \\*\\*" + red.name);
    assertThat(has("alice", red)).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - asked))
        .as("one change per role per member per 3 s: the removal waited for the interval")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  @DisplayName(
      "Refusals: a role above the bot and a managed role are refused with why, never sent; sent"
          + " anyway, Discord's 403/50013 reaches the cog typed, and 50001 when the member list is"
          + " closed")
  void refusalsAndTypedErrors() throws Exception {
    SimRole top = role("Top", 0, BOT_POSITION + 5);
    SimRole twitch = role(bot().guild(), "Twitch", 0, 10, 0, true);

    bot().post("admin", "roles", "!role add " + top.name);
    bot()
        .awaitReply(
            "roles", "⛔ not allowed: \\*\\*" + top.name + "\\*\\* is at or above my highest role");
    bot().post("admin", "roles", "!role add " + twitch.name + " <@" + userId("bob") + ">");
    bot()
        .awaitReply(
            "roles", "⛔ not allowed: \\*\\*" + twitch.name + "\\*\\* is managed by an integration");
    assertThat(audit(top)).isEmpty();

    // Past the cog's own checks, Discord refuses, and the cog hears Discord's code, typed.
    GuildView view = view(guildId());
    Outcome forced =
        cog()
            .changer()
            .change(
                view,
                Setup.EMPTY,
                new RoleChanger.Wish(
                    userId("bob"), view.role(top.id).orElseThrow(), true, "test", "test"))
            .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(forced.text()).isEqualTo("failed: Discord refused it (Missing Permissions)");
    assertThat(has("bob", top)).isFalse();

    long botId = bot().botUser().id;
    bot().sim().control().setPrivilegedIntents(botId, EnumSet.of(PrivilegedIntent.MESSAGE_CONTENT));
    try {
      assertThatThrownBy(
              () ->
                  cog().membersWith(guildId(), top.id).get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(
              DiscordRequestException.class,
              e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.code()).isEqualTo(50001);
              });
      bot().post("admin", "roles", "!role users " + top.name);
      bot().awaitReply("roles", "cannot read the member list");
    } finally {
      bot()
          .sim()
          .control()
          .setPrivilegedIntents(botId, dev.cogworks.sim.SandboxSeed.BOT_PRIVILEGED_INTENTS);
    }
  }

  @Test
  @DisplayName(
      "The panel: buttons for the self-serve roles; bob's click gives him his role alone; a new"
          + " self-serve role is added to the panel by an edit")
  void panelButtons() {
    SimRole blue = role("Blue", 0, 11);
    SimRole green = role("Green", 0, 12);
    SimChannel here = newChannel("panel");
    bot().post("admin", here, "!role self-serve add " + blue.name);
    bot().awaitReply(here, "is self-serve");
    bot().post("admin", here, "!role self-serve add " + green.name);
    bot().awaitReply(here, "is self-serve");
    bot().post("admin", here, "!role panel");
    bot().awaitReply(here, "^Panel posted \\(1 message\\)");
    SimMessage panel = panels(here).get(0);
    assertThat(buttons(panel)).contains(blue.name, green.name);

    bot().click("bob", panel, blue.name);
    bot().awaitReply(here, "✅ gave \\*\\*" + blue.name);
    assertThat(has("bob", blue)).isTrue();
    assertThat(has("alice", blue)).isFalse();

    SimRole violet = role("Violet", 0, 13);
    bot().post("admin", here, "!role self-serve add " + violet.name);
    bot().awaitReply(here, "is self-serve");
    await("the panel shows " + violet.name)
        .atMost(PATIENCE)
        .until(() -> buttons(panel).contains(violet.name));
    assertThat(panels(here)).hasSize(1);
  }
}
