package dev.cogworks.markov;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Transitions: counts per next word, small lists scanned, long ones indexed")
class TransitionsTest {
  @Test
  @DisplayName("Any mix of learning and forgetting leaves exactly the counts a plain map keeps")
  void matchesAPlainMap() {
    Random random = new Random(5);
    for (int words : new int[] {5, Transitions.INDEXED + 1, 300, 5_000}) {
      Transitions transitions = new Transitions();
      Map<Integer, Integer> expected = new HashMap<>();
      for (int op = 0; op < 40_000; op++) {
        // ids spread like the vocabulary's, many of them colliding in a small index
        int word = 2 + random.nextInt(words) * (random.nextBoolean() ? 1 : 1024);
        int delta = random.nextInt(3) == 0 ? -1 : 1;
        transitions.add(word, delta);
        expected.merge(word, delta, Integer::sum);
        if (expected.get(word) <= 0) {
          expected.remove(word);
        }
        if (op % 997 == 0 || op == 39_999) {
          Map<Integer, Integer> actual = new HashMap<>();
          for (int i = 0; i < transitions.size(); i++) {
            assertThat(actual.put(transitions.word(i), transitions.count(i))).isNull();
          }
          assertThat(actual).isEqualTo(expected);
          assertThat(transitions.total())
              .isEqualTo(expected.values().stream().mapToInt(Integer::intValue).sum());
        }
      }
      // forget everything: nothing is left
      for (Map.Entry<Integer, Integer> e : Map.copyOf(expected).entrySet()) {
        for (int i = 0; i < e.getValue(); i++) {
          transitions.add(e.getKey(), -1);
        }
      }
      assertThat(transitions.isEmpty()).isTrue();
      assertThat(transitions.total()).isZero();
    }
  }
}
