package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.app.testcogs.GroupsCog;
import dev.cogworks.sim.model.SimMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Subcommand groups: command → group → subcommand, as /slash and !prefix")
class SubcommandGroupsTest {
  @RegisterExtension static final PlatformHarness bot = PlatformHarness.with(new GroupsCog());

  @Test
  @DisplayName("Registration sends Discord's shape: groups as type 2 holding subcommands of type 1")
  void registeredShape() {
    JsonNode role = registered("role");

    assertThat(shape(role))
        .containsExactly("list:1", "self-serve:2[add:1, remove:1]", "config:2[allow:1]");
  }

  @Test
  @DisplayName("A subcommand in a group runs as /role self-serve add and as !role self-serve add")
  void runsInBothForms() {
    bot.slash("alice", "general", "role self-serve add", Map.of("role", "Administrator"));
    bot.awaitReply("general", "^would add Administrator$");

    bot.post("alice", "general", "!role self-serve remove Administrator");
    bot.awaitReply("general", "^would remove Administrator$");

    bot.post("alice", "general", "!role list");
    bot.awaitReply("general", "^self-serve roles: Administrator$");
  }

  @Test
  @DisplayName("A missing or unknown level is answered with the choices at that level, with usage")
  void missingAndUnknownLevels() {
    bot.post("bob", "music", "!role");
    bot.awaitReply(
        "music",
        "^`!role` needs a subcommand: `!role list`, `!role self-serve <add\\|remove>`,"
            + " `!role config <allow>`$");

    bot.post("bob", "music", "!role self-serve");
    bot.awaitReply(
        "music",
        "^`!role self-serve` needs a subcommand: `!role self-serve add <role>`,"
            + " `!role self-serve remove <role>`$");

    bot.post("bob", "music", "!role selfserve add");
    bot.awaitReply("music", "^Unknown subcommand `selfserve` of `!role`. Use one of: `!role list`");

    bot.post("bob", "music", "!role self-serve give");
    bot.awaitReply(
        "music", "^Unknown subcommand `give` of `!role self-serve`. Use one of: `!role self-serve");

    bot.post("bob", "music", "!role self-serve add");
    bot.awaitReply("music", "^Missing <role>. Usage: `!role self-serve add <role>`$");
  }

  @Test
  @DisplayName("Permissions required by the group and by the subcommand add up")
  void permissionsAddUp() {
    bot.post("alice", "markov", "!role config allow Administrator");
    bot.awaitReply(
        "markov",
        "^You need the Manage Server and Manage Roles permissions to use"
            + " `!role config allow`\\.$");

    bot.slash("bob", "markov", "role config allow", Map.of("role", "Administrator"));
    SimMessage refused =
        bot.awaitReply("markov", "^You need the .* to use `/role config allow`\\.$");
    assertThat(refused.ephemeral()).isTrue();

    bot.post("admin", "markov", "!role config allow Administrator");
    bot.awaitReply("markov", "^allowed Administrator$");
  }

  @Test
  @DisplayName("help lists a command's groups and subcommands; help <command> explains each level")
  void help() {
    bot.post("alice", "roles", "!help");
    SimMessage list = bot.awaitReply("roles", "\\*\\*Commands\\*\\*");
    assertThat(list.content)
        .contains(
            "`!role` — Roles members take and staff configure: `list`, `self-serve add`,"
                + " `self-serve remove`, `config allow`");

    bot.slash("alice", "roles", "help", Map.of("command", "role"));
    SimMessage detail = bot.awaitReply("roles", "\\*\\*/role\\*\\*");
    assertThat(detail.content)
        .contains(
            "`/role list` — List the self-serve roles",
            "**self-serve** — Roles members give themselves",
            "`/role self-serve add <role>` — Take a role",
            "• `role` role — the role",
            "**config** — Choose the self-serve roles (needs Manage Roles)",
            "`/role config allow <role>` — Let members take a role (needs Manage Server)");
  }

  private static JsonNode registered(String name) {
    for (JsonNode command : bot.sim().control().commandsJson(bot.guild().id)) {
      if (command.path("name").asText().equals(name)) {
        return command;
      }
    }
    throw new AssertionError("/" + name + " is not registered");
  }

  /** {@code name:type}, with a group's subcommands in brackets. */
  private static List<String> shape(JsonNode command) {
    List<String> shape = new ArrayList<>();
    for (JsonNode option : command.path("options")) {
      String entry = option.path("name").asText() + ":" + option.path("type").asInt();
      if (option.path("type").asInt() == 2) {
        entry += shape(option).toString();
      }
      shape.add(entry);
    }
    return shape;
  }
}
