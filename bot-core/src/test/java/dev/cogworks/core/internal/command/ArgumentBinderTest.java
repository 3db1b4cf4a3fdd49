package dev.cogworks.core.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prefix arguments bound to options")
class ArgumentBinderTest {
  private static final List<OptionSpec> SPEAK =
      List.of(
          OptionSpec.optional("first_words", OptionKind.STRING, "how it starts"),
          OptionSpec.optional("length", OptionKind.INTEGER, "words"));

  private static Map<String, Object> bind(List<OptionSpec> options, String line) {
    List<String> args = line.isEmpty() ? List.of() : List.of(line.split(" "));
    return ArgumentBinder.bind(options, args, null, "speak [first_words] [length]");
  }

  @Test
  @DisplayName("Text followed only by an optional number takes the line but a final number")
  void textThenNumber() {
    assertThat(bind(SPEAK, "good morning 12"))
        .containsEntry("first_words", "good morning")
        .containsEntry("length", 12L);
    assertThat(bind(SPEAK, "good morning everyone"))
        .containsEntry("first_words", "good morning everyone")
        .doesNotContainKey("length");
    assertThat(bind(SPEAK, "12")).containsEntry("first_words", "12").doesNotContainKey("length");
    assertThat(bind(SPEAK, "")).isEmpty();
  }

  @Test
  @DisplayName("A string followed by another string still takes one word")
  void twoStrings() {
    List<OptionSpec> options =
        List.of(
            OptionSpec.required("key", OptionKind.STRING, "key"),
            OptionSpec.required("value", OptionKind.STRING, "value"));
    assertThat(bind(options, "core.prefixes ! ?"))
        .containsEntry("key", "core.prefixes")
        .containsEntry("value", "! ?");
  }
}
