package dev.cogworks.api.command;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Command specs refuse what Discord would, where they are built, naming what is wrong")
class CommandSpecLimitsTest {
  private static final CommandHandler DONE = inv -> CompletableFuture.completedFuture(null);
  private static final Autocompleter NOTHING =
      query -> CompletableFuture.completedFuture(List.of());

  private static CommandSpec leaf(String name) {
    return CommandSpec.builder(name, "").handler(DONE).build();
  }

  @Test
  @DisplayName("Names are 1-32 lower-case letters, digits, - or _")
  void names() {
    assertThatThrownBy(() -> leaf("Role"))
        .hasMessage("command name 'Role' must be 1-32 lower-case letters, digits, - or _");
    assertThatThrownBy(() -> leaf("x".repeat(33))).hasMessageContaining("1-32");
    assertThatThrownBy(() -> CommandGroup.builder("self serve", "").subcommand(leaf("a")).build())
        .hasMessageStartingWith("group name 'self serve' must be");
    assertThatThrownBy(() -> OptionSpec.required("", OptionKind.STRING, "x"))
        .hasMessageStartingWith("option name '' must be");
  }

  @Test
  @DisplayName("Descriptions are at most 100 characters")
  void descriptions() {
    assertThatThrownBy(() -> CommandSpec.builder("x", "d".repeat(101)).handler(DONE).build())
        .hasMessage("the description of command x is 101 characters; Discord allows 100");
  }

  @Test
  @DisplayName("At most 25 options, and 25 subcommands and groups at each level")
  void counts() {
    CommandSpec.Builder options = CommandSpec.builder("many", "").handler(DONE);
    IntStream.range(0, 26)
        .forEach(i -> options.option(OptionSpec.optional("o" + i, OptionKind.STRING, "")));
    assertThatThrownBy(options::build).hasMessage("command many has 26 options; Discord allows 25");

    CommandSpec.Builder subs = CommandSpec.builder("wide", "");
    IntStream.range(0, 20).forEach(i -> subs.subcommand(leaf("s" + i)));
    IntStream.range(0, 6)
        .forEach(i -> subs.group(CommandGroup.builder("g" + i, "").subcommand(leaf("a")).build()));
    assertThatThrownBy(subs::build)
        .hasMessage("command wide has 26 subcommands and groups; Discord allows 25");

    CommandGroup.Builder group = CommandGroup.builder("big", "");
    IntStream.range(0, 26).forEach(i -> group.subcommand(leaf("s" + i)));
    assertThatThrownBy(group::build).hasMessage("group big has 26 subcommands; Discord allows 25");
  }

  @Test
  @DisplayName("Three levels at most: a subcommand holds no subcommands, a group only subcommands")
  void levels() {
    CommandSpec nested = CommandSpec.builder("inner", "").subcommand(leaf("deep")).build();
    assertThatThrownBy(() -> CommandSpec.builder("outer", "").subcommand(nested).build())
        .hasMessageContaining("subcommand inner of outer has subcommands of its own")
        .hasMessageContaining("CommandGroup");
    assertThatThrownBy(() -> CommandGroup.builder("g", "").subcommand(nested).build())
        .hasMessageContaining("subcommand inner of group g has subcommands of its own");
    assertThatThrownBy(() -> CommandGroup.builder("empty", "").build())
        .hasMessage("group empty needs at least one subcommand");
  }

  @Test
  @DisplayName("A command has a handler with options, or subcommands and groups, never both")
  void handlerOrBranches() {
    assertThatThrownBy(() -> CommandSpec.builder("none", "").build())
        .hasMessageContaining("needs either a handler or subcommands/groups");
    assertThatThrownBy(
            () ->
                CommandSpec.builder("both", "")
                    .option(OptionSpec.optional("o", OptionKind.STRING, ""))
                    .group(CommandGroup.builder("g", "").subcommand(leaf("a")).build())
                    .build())
        .hasMessageContaining("command both has subcommands, so its options belong on them");
  }

  @Test
  @DisplayName("Names are unique at each level")
  void unique() {
    assertThatThrownBy(
            () ->
                CommandSpec.builder("dup", "")
                    .subcommand(leaf("add"))
                    .group(CommandGroup.builder("add", "").subcommand(leaf("x")).build())
                    .build())
        .hasMessage("command dup has two subcommands or groups named add");
    assertThatThrownBy(
            () ->
                CommandSpec.builder("dup", "")
                    .option(OptionSpec.optional("o", OptionKind.STRING, ""))
                    .option(OptionSpec.optional("o", OptionKind.STRING, ""))
                    .handler(DONE)
                    .build())
        .hasMessage("command dup has two options named o");
  }

  @Test
  @DisplayName("Choices: at most 25, on string, integer and number options, of the option's kind")
  void choices() {
    OptionSpec size = OptionSpec.optional("size", OptionKind.INTEGER, "");
    assertThatThrownBy(
            () ->
                size.withChoices(
                    IntStream.range(0, 26).mapToObj(Integer::toString).toArray(String[]::new)))
        .hasMessage("option size has 26 choices; Discord allows 25");
    assertThatThrownBy(() -> size.withChoices("big"))
        .hasMessage("option size: choice 'big' is not a whole number, as its kind needs");
    assertThatThrownBy(() -> OptionSpec.optional("who", OptionKind.USER, "").withChoices("a"))
        .hasMessage(
            "option who is a user option; only string, integer and number options have choices");
  }

  @Test
  @DisplayName("Autocomplete: only on string, integer and number options, never with choices")
  void autocomplete() {
    assertThatThrownBy(
            () -> OptionSpec.optional("who", OptionKind.USER, "").withAutocomplete(NOTHING))
        .hasMessage(
            "option who is a user option; Discord offers autocomplete on string, integer and"
                + " number options only");
    assertThatThrownBy(
            () ->
                OptionSpec.optional("mode", OptionKind.STRING, "")
                    .withChoices("fast", "slow")
                    .withAutocomplete(NOTHING))
        .hasMessage(
            "option mode has fixed choices; Discord does not allow autocomplete together with"
                + " choices: keep one of them");
    assertThatThrownBy(() -> new Choice("", "x"))
        .hasMessageStartingWith("a choice's name must be 1-100 characters");
  }
}
