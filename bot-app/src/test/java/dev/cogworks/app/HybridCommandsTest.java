package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.app.testcogs.FailingCog;
import dev.cogworks.app.testcogs.ToolsCog;
import dev.cogworks.sim.model.SimMessage;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Hybrid commands: one definition, answered as !prefix, @mention and /slash")
class HybridCommandsTest {
  @RegisterExtension
  static final PlatformHarness bot = PlatformHarness.with(new FailingCog(), new ToolsCog());

  @Test
  @DisplayName("!ping, @bot ping and /ping are all answered with latencies")
  void pingInEveryForm() {
    bot.post("alice", "general", "!ping");
    bot.awaitReply("general", "Pong! Gateway \\d+ ms, reply round trip \\d+ ms\\.");

    long mention = bot.bot().shards().getShards().get(0).getSelfUser().getIdLong();
    bot.post("alice", "music", "<@" + mention + "> ping");
    bot.awaitReply("music", "Pong!");

    bot.slash("bob", "markov", "ping");
    bot.awaitReply("markov", "Pong!");
  }

  @Test
  @DisplayName(
      "A mention that names no command goes to a cog that takes it; commands, and mentions no cog"
          + " takes, are answered as before; a cog turned off is not asked")
  void mentionsForCogs() {
    String me = "<@" + bot.bot().shards().getShards().get(0).getSelfUser().getIdLong() + ">";
    SimMessage asked = bot.post("alice", "music", me + " tea please");
    SimMessage taken = bot.awaitReply("music", "^tools heard: tea please$");
    assertThat(taken.referencedMessage.id).isEqualTo(asked.id);
    bot.post("alice", "music", me + " echo please");
    bot.awaitReply("music", "^echo: please$");
    bot.post("alice", "music", me + " tea");
    bot.awaitReply("music", "^Unknown command `!tea`");
    bot.post("alice", "music", me);
    bot.awaitReply("music", "^Yes\\? Try `!help`");

    bot.post("admin", "music", "!cog disable tools");
    bot.awaitReply("music", "^`tools` is off in this server now");
    try {
      bot.post("alice", "music", me + " tea please");
      bot.awaitReply("music", "^Unknown command `!tea`");
    } finally {
      bot.post("admin", "music", "!cog enable tools");
      bot.awaitReply("music", "^`tools` is on in this server now");
    }
  }

  @Test
  @DisplayName("help lists commands by cog; help <command> explains one with its usage")
  void help() {
    bot.post("alice", "roles", "!help");
    var list = bot.awaitReply("roles", "\\*\\*Commands\\*\\*");
    assertThat(list.content)
        .contains("**core**", "`!ping`", "**tools**", "`!echo` — Repeat the text");

    bot.post("alice", "roles", "!help add");
    var detail = bot.awaitReply("roles", "Usage: `!add <a> <b>`");
    assertThat(detail.content).contains("`a` integer — first");
  }

  @Test
  @DisplayName("Arguments: quoted, typed, the last string takes the rest; users and roles by name")
  void arguments() {
    bot.post("alice", "general", "!echo \"two  spaces\"");
    bot.awaitReply("general", "echo: two  spaces");
    bot.post("alice", "general", "!echo the rest of the line");
    bot.awaitReply("general", "echo: the rest of the line");
    bot.post("alice", "general", "!add 2 40");
    bot.awaitReply("general", "sum: 42");
    bot.post("alice", "general", "!whois bob Administrator");
    bot.awaitReply("general", "member: bob, role: Administrator");
    bot.slash("alice", "general", "whois", Map.of("who", "admin"));
    bot.awaitReply("general", "member: admin$");
    bot.slash("alice", "general", "tag mode", Map.of("mode", "fast"));
    bot.awaitReply("general", "mode fast");
  }

  @Test
  @DisplayName("Unknown commands, bad and missing arguments get a short reply with the usage")
  void mistakes() {
    bot.post("bob", "music", "!pnig");
    bot.awaitReply("music", "Unknown command `!pnig`. Did you mean `!ping`\\? Try `!help`.");
    bot.post("bob", "music", "!add 1 x");
    bot.awaitReply("music", "`x` is not a whole number for <b>. Usage: `!add <a> <b>`");
    bot.post("bob", "music", "!add 1");
    bot.awaitReply("music", "Missing <b>. Usage: `!add <a> <b>`");
    bot.post("bob", "music", "!add 1 2 3");
    bot.awaitReply("music", "Too many arguments");
    bot.post("bob", "music", "!tag");
    bot.awaitReply("music", "`!tag` needs a subcommand: `!tag get <name>`, `!tag mode <mode>`");
    bot.post("bob", "music", "!tag mode medium");
    bot.awaitReply("music", "`medium` is not a choice for <mode>: pick one of fast, slow");
    bot.post("bob", "music", "!whois nobody");
    bot.awaitReply("music", "No member `nobody`");
  }

  @Test
  @DisplayName("A command needing a permission tells who lacks it, and works for who has it")
  void permissions() {
    bot.post("alice", "markov", "!purge");
    bot.awaitReply("markov", "You need the Manage Messages permission to use `!purge`.");
    bot.slash("bob", "markov", "purge");
    bot.awaitReply("markov", "You need the Manage Messages permission to use `/purge`.");
    bot.post("admin", "markov", "!purge");
    bot.awaitReply("markov", "^purged$");
  }

  @Test
  @DisplayName("A handler that throws is reported to the user, not swallowed")
  void unexpectedFailure() {
    bot.post("alice", "roles", "!boom");
    bot.awaitReply("roles", "Something went wrong running `!boom`. It has been logged.");
  }

  @Test
  @DisplayName(
      "A slash command that fails answers its user alone (ephemeral); the public 'thinking'"
          + " response goes")
  void slashFailureIsEphemeral() {
    bot.slash("alice", "roles", "boom");
    SimMessage failure =
        bot.awaitReply("roles", "Something went wrong running `/boom`. It has been logged.");

    assertThat(failure.ephemeral()).isTrue();
    assertThat(bot.botMessages("roles"))
        .noneMatch(m -> m.loading() && m.interactionMetadata != null);
  }

  @Test
  @DisplayName("A cog that throws on load is reported with its cause; the others keep working")
  void failingCogIsolated() {
    assertThat(bot.bot().cogs().failed()).containsKey("failing");
    assertThat(bot.bot().cogs().failed().get("failing")).contains("the failing cog cannot start");
    bot.post("alice", "general", "!echo still alive");
    bot.awaitReply("general", "echo: still alive");
  }
}
