package dev.cogworks.music;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A server's queue: bounds, shares and edits")
class TrackQueueTest {
  private static Entry song(String title, long user) {
    return new Entry(new Song("library:" + title, title, 1000, user), null);
  }

  private static List<String> titles(TrackQueue queue) {
    return queue.entries().stream().map(e -> e.song().title()).toList();
  }

  @Test
  @DisplayName("a full queue refuses, and so does a person past their share")
  void bounds() {
    TrackQueue queue = new TrackQueue(3, 2);
    assertThat(queue.add(song("a", 1))).isEmpty();
    assertThat(queue.add(song("b", 1))).isEmpty();
    assertThat(queue.add(song("c", 1))).contains(TrackQueue.Refusal.USER_SHARE);
    assertThat(queue.add(song("c", 2))).isEmpty();
    assertThat(queue.add(song("d", 3))).contains(TrackQueue.Refusal.FULL);
    assertThat(titles(queue)).containsExactly("a", "b", "c");
  }

  @Test
  @DisplayName(
      "bump moves to the front, move to any place, remove closes the gap; bad places change nothing")
  void edits() {
    TrackQueue queue = new TrackQueue(10, 10);
    List.of("a", "b", "c", "d").forEach(t -> queue.add(song(t, 1)));
    assertThat(queue.bump(3)).map(e -> e.song().title()).contains("c");
    assertThat(titles(queue)).containsExactly("c", "a", "b", "d");
    assertThat(queue.move(1, 4)).isPresent();
    assertThat(titles(queue)).containsExactly("a", "b", "d", "c");
    assertThat(queue.remove(2)).map(e -> e.song().title()).contains("b");
    assertThat(titles(queue)).containsExactly("a", "d", "c");
    assertThat(queue.remove(0)).isEmpty();
    assertThat(queue.move(1, 9)).isEmpty();
    assertThat(titles(queue)).containsExactly("a", "d", "c");
  }

  @Test
  @DisplayName("shuffle keeps every track; clear empties")
  void shuffleAndClear() {
    TrackQueue queue = new TrackQueue(50, 50);
    for (int i = 0; i < 20; i++) {
      queue.add(song("t" + i, 1));
    }
    List<String> before = titles(queue);
    queue.shuffle(new Random(7));
    assertThat(titles(queue)).containsExactlyInAnyOrderElementsOf(before).isNotEqualTo(before);
    assertThat(queue.clear()).isEqualTo(20);
    assertThat(queue.isEmpty()).isTrue();
  }
}
