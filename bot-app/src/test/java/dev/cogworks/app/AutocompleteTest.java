package dev.cogworks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cogworks.app.testcogs.FruitCog;
import dev.cogworks.sim.control.ControlException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Autocomplete: suggestions while an option is typed, answered within Discord's window")
class AutocompleteTest {
  @RegisterExtension static final PlatformHarness bot = PlatformHarness.with(new FruitCog());

  @Test
  @DisplayName("help's command option suggests command names: typing 'he' suggests help")
  void helpSuggestsCommands() {
    assertThat(bot.autocomplete("alice", "general", "help", "command", "he"))
        .containsExactly(Map.entry("help", "help"));
    assertThat(bot.autocomplete("alice", "general", "help", "command", ""))
        .containsKeys("ping", "help", "fruit");
  }

  @Test
  @DisplayName("A completer gets what is typed and the options filled in so far")
  void typedAndOtherOptions() {
    assertThat(bot.autocomplete("alice", "general", "fruit eat", "kind", "l"))
        .containsOnlyKeys("lemon", "lime");
    assertThat(
            bot.autocomplete(
                "alice", "general", "fruit eat", Map.of("color", "yellow"), "kind", ""))
        .containsOnlyKeys("banana", "lemon");
  }

  @Test
  @DisplayName("An option of a subcommand in a group is completed too")
  void inAGroup() {
    assertThat(bot.autocomplete("bob", "music", "fruit basket add", "kind", "ch"))
        .containsExactly(Map.entry("cherry", "cherry"));
  }

  @Test
  @DisplayName("Integer suggestions are whole numbers, at most 25; one that is not is left out")
  void integerSuggestions() {
    Map<String, String> counts = bot.autocomplete("bob", "music", "fruit eat", "count", "");

    assertThat(counts).hasSize(25).doesNotContainKey("a basketful");
    assertThat(counts).containsEntry("1 fruit", "1").containsEntry("25 fruit", "25");
  }

  @Test
  @DisplayName("An option without an autocompleter is registered without autocomplete")
  void optionWithoutCompleter() {
    assertThatThrownBy(() -> bot.autocomplete("alice", "general", "fruit eat", "color", "r"))
        .isInstanceOf(ControlException.class)
        .hasMessageContaining("option color of /fruit eat does not have autocomplete");
  }

  @Test
  @DisplayName("A completer that throws answers no suggestions")
  void failingCompleter() {
    assertThat(bot.autocomplete("alice", "roles", "fruit eat", "note", "x")).isEmpty();
  }

  @Test
  @DisplayName("A completer that never answers gets no suggestions shown, still within the window")
  void slowCompleter() {
    // The simulator answers 504 when the bot does not answer within Discord's 3 s.
    assertThat(bot.autocomplete("alice", "roles", "fruit eat", "mood", "calm")).isEmpty();
  }
}
