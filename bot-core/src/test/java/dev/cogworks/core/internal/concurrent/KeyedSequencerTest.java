package dev.cogworks.core.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "KeyedSequencer: one item at a time per key, in order, busy keys never hold every slot")
class KeyedSequencerTest {
  /** An item of key {@code key}, named for the assertions. */
  private record Item(long key, String name) {}

  private final KeyedSequencer<Item> sequencer = new KeyedSequencer<>(Item::key);

  private void add(long key, String... names) {
    for (String name : names) {
      sequencer.add(new Item(key, name));
    }
  }

  private static String name(Item item) {
    return item.name();
  }

  @Test
  @DisplayName("Given several keys, take hands out each key's oldest item, oldest keys first")
  void takesHeadsOldestKeysFirst() {
    add(2, "b1", "b2");
    add(1, "a1");
    add(3, "c1");

    assertThat(sequencer.take(10))
        .extracting(KeyedSequencerTest::name)
        .containsExactly("b1", "a1", "c1");
    assertThat(sequencer.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("While a key's item runs, its later items are not handed out, however many slots")
  void oneRunningPerKey() {
    add(1, "a1", "a2", "a3");

    assertThat(sequencer.take(10)).extracting(KeyedSequencerTest::name).containsExactly("a1");
    assertThat(sequencer.take(10)).isEmpty();
  }

  @Test
  @DisplayName("take stops at max, leaving the other keys' heads for the next take")
  void takeRespectsMax() {
    add(1, "a1");
    add(2, "b1");
    add(3, "c1");

    assertThat(sequencer.take(2)).extracting(KeyedSequencerTest::name).containsExactly("a1", "b1");
    assertThat(sequencer.take(2)).extracting(KeyedSequencerTest::name).containsExactly("c1");
  }

  @Test
  @DisplayName("finished hands back the key's next item, still running; the last frees the key")
  void finishedHandsOverTheNext() {
    add(1, "a1", "a2");
    sequencer.take(1);

    assertThat(sequencer.finished(1)).map(KeyedSequencerTest::name).contains("a2");
    assertThat(sequencer.take(10)).isEmpty();
    assertThat(sequencer.finished(1)).isEmpty();

    add(1, "a3");
    assertThat(sequencer.take(10)).extracting(KeyedSequencerTest::name).containsExactly("a3");
  }

  @Test
  @DisplayName("A busy key waiting out its turn does not delay other keys")
  void busyKeyDoesNotBlockOthers() {
    add(1, "a1", "a2", "a3");
    sequencer.take(1);
    add(2, "b1");
    add(3, "c1");

    assertThat(sequencer.take(10)).extracting(KeyedSequencerTest::name).containsExactly("b1", "c1");
  }

  @Test
  @DisplayName("An item put back is the next of its key taken, before the ones behind it")
  void putBackGoesFirst() {
    add(1, "a1", "a2");
    Item a1 = sequencer.take(1).get(0);

    sequencer.putBack(a1);

    assertThat(sequencer.size()).isEqualTo(2);
    assertThat(sequencer.take(10)).extracting(KeyedSequencerTest::name).containsExactly("a1");
    assertThat(sequencer.finished(1)).map(KeyedSequencerTest::name).contains("a2");
  }

  @Test
  @DisplayName("remove takes selected waiting items out; a running key stays marked until finished")
  void removeWaiting() {
    add(1, "a1", "a2");
    add(2, "b1", "b2");
    add(3, "c1");
    sequencer.take(1); // a1 runs

    assertThat(sequencer.remove(item -> item.key() != 3))
        .extracting(KeyedSequencerTest::name)
        .containsExactly("a2", "b1", "b2");

    assertThat(sequencer.size()).isEqualTo(1);
    assertThat(sequencer.take(10)).extracting(KeyedSequencerTest::name).containsExactly("c1");
    assertThat(sequencer.finished(1)).isEmpty();
    add(1, "a3");
    assertThat(sequencer.take(10)).extracting(KeyedSequencerTest::name).containsExactly("a3");
  }
}
