package dev.cogworks.markov;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StateMap: a chain's states by packed key, as a map would keep them")
class StateMapTest {
  @Test
  @DisplayName("Any mix of adding and removing states finds exactly what a HashMap finds")
  void matchesAHashMap() {
    Random random = new Random(3);
    StateMap states = new StateMap();
    Map<Long, Transitions> expected = new HashMap<>();
    List<Long> keys = new ArrayList<>();
    for (int op = 0; op < 200_000; op++) {
      // grow for a while, then shrink, so both resizes and long probe runs happen
      boolean add = op < 120_000 ? random.nextInt(4) != 0 : random.nextInt(4) == 0;
      if (add || keys.isEmpty()) {
        long key = random.nextInt(4) == 0 ? random.nextInt(64) : random.nextLong() >>> 1;
        if (!expected.containsKey(key)) {
          Transitions t = new Transitions();
          states.put(key, t);
          expected.put(key, t);
          keys.add(key);
        }
      } else {
        long key = keys.remove(random.nextInt(keys.size()));
        states.remove(key);
        expected.remove(key);
      }
      if (op % 5_000 == 0) {
        assertThat(states.size()).isEqualTo(expected.size());
        for (Map.Entry<Long, Transitions> e : expected.entrySet()) {
          assertThat(states.get(e.getKey())).isSameAs(e.getValue());
        }
        assertThat(states.get(-5L)).isNull();
      }
    }
    keys.forEach(states::remove);
    assertThat(states.isEmpty()).isTrue();
    assertThat(states.get(keys.isEmpty() ? 1L : keys.get(0))).isNull();
  }
}
