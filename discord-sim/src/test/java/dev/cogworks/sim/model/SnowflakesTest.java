package dev.cogworks.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Snowflakes: ids grow with time, and can be placed on a shard")
class SnowflakesTest {
  @Test
  @DisplayName("An id placed on a shard lands there; ids handed out after it keep growing")
  void placedOnShard() {
    Snowflakes ids = new Snowflakes();
    List<Long> handedOut = new ArrayList<>();

    for (int shard : new int[] {3, 0, 4, 4, 1}) {
      long placed = ids.nextOnShard(shard, 5);
      assertThat((placed >> 22) % 5).isEqualTo(shard);
      handedOut.add(placed);
      handedOut.add(ids.next());
    }

    assertThat(handedOut).isSorted().doesNotHaveDuplicates();
  }
}
