package dev.cogworks.core.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prefix arguments: tokens for options, free text as typed")
class ArgumentTokenizerTest {
  @Test
  @DisplayName("Quotes group words; a backslash escapes")
  void tokens() {
    assertThat(ArgumentTokenizer.tokenize("add \"two words\" 'three more words' a\\ b"))
        .containsExactly("add", "two words", "three more words", "a b");
  }

  @Test
  @DisplayName("The rest of the line keeps apostrophes, quotes and line breaks as typed")
  void restAsTyped() {
    String text = "ask what's a good name for a \"cat\"?\nthanks";
    assertThat(ArgumentTokenizer.rest(text, 1))
        .isEqualTo("what's a good name for a \"cat\"?\nthanks");
    assertThat(ArgumentTokenizer.rest("ask what's up", 1)).isEqualTo("what's up");
  }

  @Test
  @DisplayName("A rest that is one quoted group is the group, unquoted; past the end, nothing")
  void restQuotedGroup() {
    assertThat(ArgumentTokenizer.rest("note \"two words\"", 1)).isEqualTo("two words");
    assertThat(ArgumentTokenizer.rest("note single", 1)).isEqualTo("single");
    assertThat(ArgumentTokenizer.rest("note", 1)).isEmpty();
  }
}
