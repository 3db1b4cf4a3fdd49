package dev.cogworks.markov;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.markov.GuildModel.Sentence;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Markov model")
class GuildModelTest {
  private static final long A = 1;
  private static final long B = 2;

  private static List<String> words(String text) {
    return List.of(text.split(" "));
  }

  @Test
  @DisplayName("Forgetting a message is the exact reverse of learning it")
  void exactForgetting() {
    for (int order = 1; order <= 3; order++) {
      GuildModel only = new GuildModel(order);
      only.learn(A, words("one cat sat on the mat"));
      GuildModel both = new GuildModel(order);
      both.learn(A, words("one cat sat on the mat"));
      both.learn(A, words("a dog sat on a log"));
      both.learn(B, words("secret words"));
      both.forget(A, words("a dog sat on a log"));
      both.forget(B, words("secret words"));
      assertThat(both.words()).isEqualTo(only.words()).isEqualTo(6);
      assertThat(both.transitions()).isEqualTo(only.transitions());
      assertThat(both.channels()).containsExactly(A);
      for (int i = 0; i < 20; i++) {
        assertThat(speak(both, List.of(A, B), List.of()))
            .isEqualTo(new Sentence.Spoken("one cat sat on the mat"))
            .isNotEqualTo(new Sentence.Spoken("secret words"));
      }
    }
  }

  @Test
  @DisplayName("A sentence starts with the given words, or says the first one is unknown")
  void firstWords() {
    GuildModel model = new GuildModel(2);
    model.learn(A, words("good morning everyone"));
    model.learn(A, words("good night moon"));
    assertThat(speak(model, List.of(A), words("morning")))
        .isEqualTo(new Sentence.Spoken("morning everyone"));
    assertThat(speak(model, List.of(A), words("good night")))
        .isEqualTo(new Sentence.Spoken("good night moon"));
    assertThat(speak(model, List.of(A), words("zebra")))
        .isEqualTo(new Sentence.UnknownStart("zebra"));
  }

  @Test
  @DisplayName("Only the sources asked for are heard; blocked words are never spoken")
  void sourcesAndBlocklist() {
    GuildModel model = new GuildModel(2);
    model.learn(A, words("hello world"));
    model.learn(B, words("hello staff"));
    for (int i = 0; i < 20; i++) {
      assertThat(speak(model, List.of(A), List.of())).isEqualTo(new Sentence.Spoken("hello world"));
      assertThat(model.speak(List.of(A, B), List.of(), 10, 100, Set.of("staff"), new Random(i)))
          .isEqualTo(new Sentence.Spoken("hello world"));
    }
    assertThat(speak(model, List.of(), List.of())).isEqualTo(new Sentence.NothingLearned());
  }

  @Test
  @DisplayName("A sentence stops before the length asked and before the character limit")
  void limits() {
    GuildModel model = new GuildModel(1);
    model.learn(A, words("one two three four five six"));
    assertThat(model.speak(List.of(A), List.of(), 3, 100, Set.of(), new Random(1)))
        .isEqualTo(new Sentence.Spoken("one two three"));
    assertThat(model.speak(List.of(A), List.of(), 10, 9, Set.of(), new Random(1)))
        .isEqualTo(new Sentence.Spoken("one two"));
  }

  private static Sentence speak(GuildModel model, List<Long> sources, List<String> start) {
    return model.speak(sources, start, 32, 1900, Set.of(), new Random(7));
  }
}
