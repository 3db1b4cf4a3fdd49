package dev.cogworks.markov;

/**
 * One channel's Markov chain over word ids: for every order k from 1 to n, what followed each k
 * words. Keeping the lower orders lets a sentence start from one given word and go on when the
 * longest context is new. Not thread-safe: {@link GuildModel} guards it.
 */
final class Chain {
  private final int order;
  private final StateMap[] byOrder;
  private long transitions;

  Chain(int order) {
    this.order = order;
    this.byOrder = new StateMap[order + 1];
    for (int k = 1; k <= order; k++) {
      byOrder[k] = new StateMap();
    }
  }

  /** Counts ({@code delta} +1) or forgets ({@code -1}) one message's word ids. */
  void learn(int[] words, int delta) {
    int[] seq = new int[order + words.length + 1];
    // seq starts with `order` START ids (0), then the words, then END
    System.arraycopy(words, 0, seq, order, words.length);
    seq[seq.length - 1] = Vocabulary.END;
    for (int i = order; i < seq.length; i++) {
      for (int k = 1; k <= order; k++) {
        long key = key(seq, i - k, k);
        StateMap map = byOrder[k];
        Transitions t = map.get(key);
        if (t == null) {
          if (delta < 0) {
            continue;
          }
          t = new Transitions();
          map.put(key, t);
        }
        int before = t.size();
        t.add(seq[i], delta);
        transitions += t.size() - before;
        if (t.isEmpty()) {
          map.remove(key);
        }
      }
    }
  }

  /** What followed the {@code k} ids of {@code context} ending at {@code end}, or null. */
  Transitions after(int[] context, int end, int k) {
    return byOrder[k].get(key(context, end - k, k));
  }

  int order() {
    return order;
  }

  /** Distinct (state, next word) pairs over every order. */
  long transitions() {
    return transitions;
  }

  boolean isEmpty() {
    return byOrder[1].isEmpty();
  }

  static long key(int[] seq, int from, int k) {
    long key = 0;
    for (int j = from; j < from + k; j++) {
      key = (key << 21) | seq[j];
    }
    return key;
  }
}
