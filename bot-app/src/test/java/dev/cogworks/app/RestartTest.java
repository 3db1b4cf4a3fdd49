package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.app.testcogs.NotesCog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Restarting the bot: data kept, slash commands not registered again")
class RestartTest {
  private static final String GUILD_COMMANDS =
      "PUT /applications/{application_id}/guilds/{guild_id}/commands";

  @RegisterExtension static final PlatformHarness bot = PlatformHarness.with(new NotesCog());

  @Test
  @DisplayName("A cog's rows in the embedded PostgreSQL survive a restart of bot and database")
  void dataSurvivesRestart() throws Exception {
    bot.post("alice", "general", "!note buy milk");
    bot.awaitReply("general", "^noted$");

    bot.restartBot();

    bot.post("alice", "general", "!notes");
    bot.awaitReply("general", "notes: buy milk");
  }

  @Test
  @DisplayName("Unchanged slash commands are not registered again after a restart, and still work")
  void registrationSkippedWhenUnchanged() throws Exception {
    long before = bot.sim().control().stats().requests(GUILD_COMMANDS);

    bot.restartBot();
    bot.slash("bob", "general", "notes");

    assertThat(before).isEqualTo(1);
    assertThat(bot.sim().control().stats().requests(GUILD_COMMANDS)).isEqualTo(1);
    bot.awaitReply("general", "^notes:");
  }
}
