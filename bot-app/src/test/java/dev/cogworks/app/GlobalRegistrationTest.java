package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.app.testcogs.KarmaCog;
import dev.cogworks.sim.model.SimMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("commands.registration = global registers the slash commands once, for every guild")
class GlobalRegistrationTest {
  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(new KarmaCog()).config("commands.registration", "global");

  @Test
  @DisplayName("Global commands, not guild ones, and /ping works through them")
  void registersGlobally() {
    var stats = bot.sim().control().stats();

    assertThat(stats.requests("PUT /applications/{application_id}/commands")).isEqualTo(1);
    assertThat(stats.requests("PUT /applications/{application_id}/guilds/{guild_id}/commands"))
        .isZero();
    bot.slash("alice", "general", "ping");
    bot.awaitReply("general", "Pong!");
  }

  @Test
  @DisplayName(
      "A cog off in a server stays listed (Discord cannot hide a global command from one server)"
          + " and answers that it is off, to the user alone")
  void cogOffStillListed() {
    bot.post("admin", "music", "!cog disable karma");
    bot.awaitReply("music", "^`karma` is off in this server now\\.$");
    assertThat(bot.sim().control().commandsJson(bot.guild().id).findValuesAsText("name"))
        .contains("karma");

    bot.slash("alice", "music", "karma");
    SimMessage refused =
        bot.awaitReply("music", "^The `karma` cog is turned off in this server\\.");
    assertThat(refused.ephemeral()).isTrue();

    bot.post("admin", "music", "!cog enable karma");
    bot.awaitReply("music", "^`karma` is on in this server now\\.$");
    bot.slash("alice", "music", "karma");
    bot.awaitReply("music", "^You have 0 karma here\\.$");
  }
}
