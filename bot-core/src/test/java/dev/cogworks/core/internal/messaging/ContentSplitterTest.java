package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Splitting long content")
class ContentSplitterTest {
  @Test
  @DisplayName("Short content is one part")
  void shortContent() {
    assertThat(ContentSplitter.split("hello", 10)).containsExactly("hello");
  }

  @Test
  @DisplayName("Cuts at the last line break that fits, dropping only that break")
  void cutsAtLines() {
    assertThat(ContentSplitter.split("aaaa\nbbbb\ncccc", 10)).containsExactly("aaaa\nbbbb", "cccc");
  }

  @Test
  @DisplayName("Without a line break, cuts at a space; without either, inside the word")
  void fallsBack() {
    assertThat(ContentSplitter.split("aaaa bbbb cccc", 10)).containsExactly("aaaa bbbb", "cccc");
    assertThat(ContentSplitter.split("abcdefghijkl", 5)).containsExactly("abcde", "fghij", "kl");
  }

  @Test
  @DisplayName("No part is ever longer than the limit")
  void neverTooLong() {
    List<String> parts = ContentSplitter.split(("word ".repeat(30) + "\n").repeat(40), 100);
    assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(100));
  }
}
