package dev.cogworks.markov;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cleaning messages before learning them")
class MessageCleanerTest {
  private final MessageCleaner cleaner = new MessageCleaner(List.of("!", "?"));

  @Test
  @DisplayName("Links, mentions, @everyone and @here go; words are lower-cased; punctuation kept")
  void strips() {
    assertThat(
            cleaner.tokens(
                "Hey <@123> and <@!456>, see https://x.example/a?b=1 in <#789> @everyone <@&42> NOW!",
                Set.of()))
        .containsExactly("hey", "and", ",", "see", "in", "now", "!");
  }

  @Test
  @DisplayName("This server's emojis are kept exactly, static and animated; others' are dropped")
  void emojis() {
    assertThat(cleaner.tokens("Nice <:Pog:111> <a:Dance:222> <:Other:333>", Set.of(111L, 222L)))
        .containsExactly("nice", "<:Pog:111>", "<a:Dance:222>");
  }

  @Test
  @DisplayName("An emoji id past a long's range (typed by hand) is dropped, not a failure")
  void overlongEmojiId() {
    assertThat(cleaner.tokens("hi <:Big:99999999999999999999>", Set.of(111L)))
        .containsExactly("hi");
  }

  @Test
  @DisplayName("Commands and messages with no word are not learned")
  void skipped() {
    assertThat(cleaner.isCommand("!speak hi")).isTrue();
    assertThat(cleaner.isCommand("  ?help")).isTrue();
    assertThat(cleaner.isCommand("hello!")).isFalse();
    assertThat(cleaner.tokens("https://only.a.link <@1> ...", Set.of())).isEmpty();
  }

  @Test
  @DisplayName("Tokens join back with punctuation against the word before it")
  void joins() {
    assertThat(MessageCleaner.join(List.of("well", ",", "hello", "there", "!")))
        .isEqualTo("well, hello there!");
  }
}
