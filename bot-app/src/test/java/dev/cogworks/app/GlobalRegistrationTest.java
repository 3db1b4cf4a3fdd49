package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("commands.registration = global registers the slash commands once, for every guild")
class GlobalRegistrationTest {
  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with().config("commands.registration", "global");

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
}
