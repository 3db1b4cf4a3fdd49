package dev.cogworks.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Where Discord's client offers a command: its contexts, dm_permission and scope")
class SimCommandContextsTest {
  private static SimCommand global(String definition) {
    return new SimCommand(1, 2, null, "c", (ObjectNode) Json.parse(definition));
  }

  @Test
  @DisplayName("without contexts a global command runs in guilds and in the bot's DMs")
  void defaultsToEveryContext() {
    SimCommand command = global("{\"contexts\":null,\"integration_types\":[0]}");

    assertThat(command.usableIn(SimCommand.GUILD)).isTrue();
    assertThat(command.usableIn(SimCommand.BOT_DM)).isTrue();
  }

  @Test
  @DisplayName("contexts decide when present, over the deprecated dm_permission")
  void contextsDecide() {
    assertThat(global("{\"contexts\":[0]}").usableIn(SimCommand.BOT_DM)).isFalse();
    assertThat(global("{\"contexts\":[1]}").usableIn(SimCommand.GUILD)).isFalse();
    assertThat(global("{\"contexts\":[0,1],\"dm_permission\":false}").usableIn(SimCommand.BOT_DM))
        .isTrue();
  }

  @Test
  @DisplayName("dm_permission false keeps a command without contexts out of DMs")
  void dmPermission() {
    assertThat(global("{\"dm_permission\":false}").usableIn(SimCommand.BOT_DM)).isFalse();
    assertThat(global("{\"dm_permission\":false}").usableIn(SimCommand.GUILD)).isTrue();
  }

  @Test
  @DisplayName("a user-install-only command and a guild command never run in a DM")
  void userInstallAndGuildCommands() {
    assertThat(global("{\"integration_types\":[1],\"contexts\":[0,1,2]}").usableIn(1)).isFalse();
    SimCommand guild =
        new SimCommand(1, 2, 3L, "c", (ObjectNode) Json.parse("{\"contexts\":[0,1]}"));
    assertThat(guild.usableIn(SimCommand.BOT_DM)).isFalse();
    assertThat(guild.usableIn(SimCommand.GUILD)).isTrue();
  }
}
