package dev.cogworks.markov;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** What followed one state, with counts: parallel arrays, small and dense. */
final class Transitions {
  private int[] next = new int[2];
  private int[] counts = new int[2];
  private int size;
  private int total;

  /** Adds {@code delta} (±1) to {@code word}'s count; an entry at zero is removed. */
  void add(int word, int delta) {
    for (int i = 0; i < size; i++) {
      if (next[i] == word) {
        counts[i] += delta;
        total += delta;
        if (counts[i] <= 0) {
          total -= counts[i];
          size--;
          next[i] = next[size];
          counts[i] = counts[size];
        }
        return;
      }
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
