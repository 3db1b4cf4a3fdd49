package dev.cogworks.markov;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A server's words as small ints, counted by use: a word no stored message uses any more is dropped
 * and its id reused, so the model keeps nothing the store deleted. Ids 0 and 1 are the sentence's
 * start and end. Not thread-safe: {@link GuildModel} guards it.
 */
final class Vocabulary {
  static final int START = 0;
  static final int END = 1;

  /** Ids are packed three to a long key (21 bits each). */
  static final int MAX_WORDS = (1 << 21) - 1;

  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> words = new ArrayList<>(List.of("", ""));
  private int[] uses = new int[64];
  private final ArrayDeque<Integer> free = new ArrayDeque<>();

  /** The id of {@code word}, counted once more; -1 when the vocabulary is full. */
  int acquire(String word) {
    Integer id = ids.get(word);
    if (id == null) {
      if (!free.isEmpty()) {
        id = free.pop();
        words.set(id, word);
      } else if (words.size() < MAX_WORDS) {
        id = words.size();
        words.add(word);
        if (id >= uses.length) {
          uses = Arrays.copyOf(uses, uses.length * 2);
        }
      } else {
        return -1;
      }
      ids.put(word, id);
    }
    uses[id]++;
    return id;
  }

  /** One use of {@code id} fewer; the word goes when none is left. */
  void release(int id) {
    if (--uses[id] == 0) {
      ids.remove(words.get(id));
      words.set(id, null);
      free.push(id);
    }
  }

  /** The id of a known word, or -1. */
  int id(String word) {
    Integer id = ids.get(word);
    return id == null ? -1 : id;
  }

  String word(int id) {
    return words.get(id);
  }

  int size() {
    return ids.size();
  }
}
