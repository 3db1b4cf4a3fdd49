package dev.cogworks.core.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cogworks.api.command.Choice;
import dev.cogworks.api.command.CommandGroup;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.Permission;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The payload a command is registered with is pinned by a golden file in {@code
 * src/test/resources/commands}: a change shows up as a diff to review, since Discord refuses a
 * payload of the wrong shape and every change re-registers the commands.
 */
@DisplayName("Slash command registration payload (golden file)")
class SlashRegistrationTest {
  /** Keys sorted when writing, so that a rewritten golden file diffs only where it changed. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  @Test
  @DisplayName(
      "A command with a subcommand and groups: types 1 and 2, choices, autocomplete, permissions")
  void commandWithGroups() throws IOException {
    CommandSpec role =
        CommandSpec.builder("role", "Roles members take and staff configure")
            .requires(Permission.MANAGE_ROLES)
            .subcommand(
                CommandSpec.builder("list", "List the self-serve roles")
                    .option(
                        OptionSpec.optional("page", OptionKind.INTEGER, "which page")
                            .withChoices("1", "2"))
                    .handler(inv -> null)
                    .build())
            .group(
                CommandGroup.builder("self-serve", "Roles members give themselves")
                    .subcommand(
                        CommandSpec.builder("add", "Take a role")
                            .option(OptionSpec.required("role", OptionKind.ROLE, "the role"))
                            .handler(inv -> null)
                            .build())
                    .subcommand(
                        CommandSpec.builder("find", "Find a role by name")
                            .option(
                                OptionSpec.required("name", OptionKind.STRING, "part of its name")
                                    .withAutocomplete(
                                        query ->
                                            CompletableFuture.completedFuture(
                                                List.of(Choice.of("DJ")))))
                            .handler(inv -> null)
                            .build())
                    .build())
            .group(
                CommandGroup.builder("config", "Choose the self-serve roles")
                    .requires(Permission.MANAGE_SERVER)
                    .subcommand(
                        CommandSpec.builder("allow", "Let members take a role")
                            .ownerOnly()
                            .option(OptionSpec.required("role", OptionKind.ROLE, "the role"))
                            .handler(inv -> null)
                            .build())
                    .build())
            .build();

    String payload = json(role);

    update("role.json", payload);
    assertThat(JSON.readTree(payload)).isEqualTo(golden("role.json"));
  }

  private static String json(CommandSpec spec) {
    return new String(
        SlashCommandSync.toData(
                spec,
                java.util.EnumSet.of(net.dv8tion.jda.api.interactions.InteractionContextType.GUILD))
            .toData()
            .toJson(),
        StandardCharsets.UTF_8);
  }

  /**
   * {@code mvn test -Dcommands.update=true} rewrites the golden files from the code; review the
   * diff before committing it.
   */
  private static void update(String file, String json) throws IOException {
    if (Boolean.getBoolean("commands.update")) {
      Files.writeString(
          Path.of("src/test/resources/commands", file),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readValue(json, Map.class))
              + "\n");
    }
  }

  private static JsonNode golden(String file) throws IOException {
    try (InputStream in = SlashRegistrationTest.class.getResourceAsStream("/commands/" + file)) {
      if (in == null) {
        throw new AssertionError("golden file commands/" + file + " is missing");
      }
      return JSON.readTree(in);
    }
  }
}
