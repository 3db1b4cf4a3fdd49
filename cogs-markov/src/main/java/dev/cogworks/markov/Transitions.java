package dev.cogworks.markov;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * What followed one state, with counts: parallel arrays, small and dense. Past {@link #INDEXED}
 * entries (a common word's state can have thousands of next words) an open-addressing index finds a
 * word's slot in constant time; without it, learning a message costs a scan of each such list,
 * which made the model's update the larger part of storing a page.
 */
final class Transitions {
  /** Entries from which a word's slot is found through {@link #index} rather than a scan. */
  static final int INDEXED = 16;

  private int[] next = new int[2];
  private int[] counts = new int[2];
  private int size;
  private int total;

  /** Linear probing: slot + 1 per bucket, 0 for empty; null while the list is small. */
  private int[] index;

  /** Adds {@code delta} (±1) to {@code word}'s count; an entry at zero is removed. */
  void add(int word, int delta) {
    int i = slotOf(word);
    if (i >= 0) {
      counts[i] += delta;
      total += delta;
      if (counts[i] <= 0) {
        total -= counts[i];
        remove(i);
      }
      return;
    }
    if (delta <= 0) {
      return;
    }
    if (size == next.length) {
      next = Arrays.copyOf(next, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    next[size] = word;
    counts[size] = delta;
    size++;
    total += delta;
    if (index != null) {
      if (size * 2 > index.length) {
        reindex();
      } else {
        put(word, size - 1);
      }
    } else if (size > INDEXED) {
      reindex();
    }
  }

  /** Drops slot {@code i}: the last entry moves into it. */
  private void remove(int i) {
    int word = next[i];
    if (index != null) {
      unindex(word);
    }
    size--;
    if (i != size) {
      next[i] = next[size];
      counts[i] = counts[size];
      if (index != null) {
        index[bucketOf(next[i])] = i + 1;
      }
    }
  }

  private int slotOf(int word) {
    if (index == null) {
      for (int i = 0; i < size; i++) {
        if (next[i] == word) {
          return i;
        }
      }
      return -1;
    }
    int mask = index.length - 1;
    for (int b = home(word, mask); ; b = (b + 1) & mask) {
      int s = index[b];
      if (s == 0) {
        return -1;
      }
      if (next[s - 1] == word) {
        return s - 1;
      }
    }
  }

  /** The bucket holding {@code word}, which is indexed. */
  private int bucketOf(int word) {
    int mask = index.length - 1;
    int b = home(word, mask);
    while (next[index[b] - 1] != word) {
      b = (b + 1) & mask;
    }
    return b;
  }

  private void put(int word, int slot) {
    int mask = index.length - 1;
    int b = home(word, mask);
    while (index[b] != 0) {
      b = (b + 1) & mask;
    }
    index[b] = slot + 1;
  }

  /** Removes {@code word}'s bucket, shifting later ones of its run back (no tombstones). */
  private void unindex(int word) {
    int mask = index.length - 1;
    int hole = bucketOf(word);
    index[hole] = 0;
    for (int j = (hole + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
      int h = home(next[index[j] - 1], mask);
      // the entry at j may move to the hole unless its home lies cyclically in (hole, j]
      boolean stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
      if (!stays) {
        index[hole] = index[j];
        index[j] = 0;
        hole = j;
      }
    }
  }

  private void reindex() {
    // the smallest power of two at least three times the entries: a third to a half full
    index = new int[Integer.highestOneBit(size * 3 - 1) << 1];
    for (int i = 0; i < size; i++) {
      put(next[i], i);
    }
  }

  private static int home(int word, int mask) {
    return (word * 0x9E3779B1) >>> 7 & mask;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  int total() {
    return total;
  }

  int word(int i) {
    return next[i];
  }

  int count(int i) {
    return counts[i];
  }

  /** A word drawn by frequency. */
  int pick(RandomGenerator random) {
    int r = random.nextInt(total);
    for (int i = 0; i < size; i++) {
      r -= counts[i];
      if (r < 0) {
        return next[i];
      }
    }
    return next[size - 1];
  }
}
