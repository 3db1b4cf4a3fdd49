package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.app.testcogs.OpsCog;
import dev.cogworks.sim.model.SimMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Owner-only commands: for the application's owners and discord.owners alone")
class OwnerOnlyCommandsTest {
  @RegisterExtension
  static final PlatformHarness bot = PlatformHarness.with(new OpsCog()).owners("alice");

  @Test
  @DisplayName(
      "The owners are the application's owner, read from Discord at start, and discord.owners")
  void whoOwns() {
    // The simulator's application is owned by its bot user.
    long applicationOwner = bot.bot().shards().getShards().get(0).getSelfUser().getIdLong();

    assertThat(bot.bot().owners().ids())
        .containsExactlyInAnyOrder(applicationOwner, bot.user("alice").id);
  }

  @Test
  @DisplayName("An owner runs an owner-only command as !prefix and /slash")
  void ownerRuns() {
    bot.post("alice", "general", "!reload");
    bot.awaitReply("general", "^reloaded$");

    bot.slash("alice", "music", "reload");
    assertThat(bot.awaitReply("music", "^reloaded$").ephemeral()).isFalse();
  }

  @Test
  @DisplayName("A server admin who is not an owner is refused, ephemerally for /slash")
  void othersRefused() {
    bot.post("admin", "markov", "!reload");
    bot.awaitReply("markov", "^Only the bot's owners can use `!reload`\\.$");

    bot.slash("bob", "markov", "reload");
    SimMessage refused = bot.awaitReply("markov", "^Only the bot's owners can use `/reload`\\.$");
    assertThat(refused.ephemeral()).isTrue();
  }

  @Test
  @DisplayName("An owner-only subcommand is refused to others and hidden from its siblings' list")
  void ownerOnlySubcommand() {
    bot.post("bob", "roles", "!ops status");
    bot.awaitReply("roles", "^all good$");

    bot.post("bob", "roles", "!ops drain");
    bot.awaitReply("roles", "^Only the bot's owners can use `!ops drain`\\.$");

    bot.post("bob", "roles", "!ops");
    bot.awaitReply("roles", "^`!ops` needs a subcommand: `!ops status`$");

    bot.post("alice", "roles", "!ops drain");
    bot.awaitReply("roles", "^drained$");
  }

  @Test
  @DisplayName("help, its suggestions and 'did you mean' leave owner-only commands out for others")
  void hiddenFromOthers() {
    bot.post("bob", "general", "!help");
    SimMessage forBob = bot.awaitReply("general", "\\*\\*Commands\\*\\*");
    assertThat(forBob.content).doesNotContain("reload", "drain").contains("`!ops` — Operate");

    bot.post("bob", "general", "!help reload");
    bot.awaitReply("general", "^No command `reload`\\. Try `!help` for the list\\.$");

    bot.post("bob", "general", "!relod");
    bot.awaitReply("general", "^Unknown command `!relod`\\. Try `!help`\\.$");

    assertThat(bot.autocomplete("bob", "general", "help", "command", "re")).isEmpty();
    assertThat(bot.autocomplete("alice", "general", "help", "command", "re"))
        .containsOnlyKeys("reload");

    bot.slash("alice", "music", "help");
    SimMessage forAlice = bot.awaitReply("music", "\\*\\*Commands\\*\\*");
    assertThat(forAlice.content).contains("`/reload` — Reload", "`status`, `drain`");
  }
}
