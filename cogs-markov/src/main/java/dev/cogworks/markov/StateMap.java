package dev.cogworks.markov;

/**
 * A chain's states: packed word-id keys to their {@link Transitions}, by open addressing (linear
 * probing, a third to two thirds full, backward-shift removal). A {@code HashMap<Long, ...>} boxes
 * every key and adds a node per entry: with millions of states that cost about 40 bytes each and a
 * cache miss or two per lookup, the larger part of learning a message. Not thread-safe: {@link
 * GuildModel} guards it. Keys are never negative (word ids are 21-bit, at most three packed).
 */
final class StateMap {
  private static final int MIN_CAPACITY = 16;

  private long[] keys = new long[MIN_CAPACITY];
  private Transitions[] values = new Transitions[MIN_CAPACITY];
  private int size;

  Transitions get(long key) {
    int mask = keys.length - 1;
    for (int b = home(key, mask); ; b = (b + 1) & mask) {
      Transitions v = values[b];
      if (v == null) {
        return null;
      }
      if (keys[b] == key) {
        return v;
      }
    }
  }

  /** Adds a state that is not there yet. */
  void put(long key, Transitions value) {
    if ((size + 1) * 3 > keys.length * 2) {
      resize(keys.length * 2);
    }
    insert(key, value);
    size++;
  }

  void remove(long key) {
    int mask = keys.length - 1;
    int hole = home(key, mask);
    while (values[hole] == null || keys[hole] != key) {
      if (values[hole] == null) {
        return;
      }
      hole = (hole + 1) & mask;
    }
    values[hole] = null;
    size--;
    for (int j = (hole + 1) & mask; values[j] != null; j = (j + 1) & mask) {
      int h = home(keys[j], mask);
      // the entry at j may move to the hole unless its home lies cyclically in (hole, j]
      boolean stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
      if (!stays) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        values[j] = null;
        hole = j;
      }
    }
    if (size * 6 < keys.length && keys.length > MIN_CAPACITY) {
      resize(keys.length / 2);
    }
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  private void insert(long key, Transitions value) {
    int mask = keys.length - 1;
    int b = home(key, mask);
    while (values[b] != null) {
      b = (b + 1) & mask;
    }
    keys[b] = key;
    values[b] = value;
  }

  private void resize(int capacity) {
    long[] oldKeys = keys;
    Transitions[] oldValues = values;
    keys = new long[capacity];
    values = new Transitions[capacity];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != null) {
        insert(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int home(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) & mask;
  }
}
