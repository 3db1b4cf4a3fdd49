package dev.cogworks.markov;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.random.RandomGenerator;

/**
 * One server's model, hot in memory: its vocabulary and one {@link Chain} per channel learned from,
 * so that a sentence for a channel draws only on the channels whose audience may read it. Every
 * message learned can be forgotten exactly. Thread-safe: sentences are read under a read lock,
 * learning and forgetting take the write lock.
 */
final class GuildModel {
  private final int order;
  private final Vocabulary vocabulary = new Vocabulary();
  private final Map<Long, Chain> chains = new HashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  GuildModel(int order) {
    this.order = order;
  }

  /** What a sentence came to. */
  sealed interface Sentence {
    /** A sentence, starting with the first words asked for when there were some. */
    record Spoken(String text) implements Sentence {}

    /** The first words asked for were never learned where this audience may hear them. */
    record UnknownStart(String word) implements Sentence {}

    /** Nothing learned yet that this audience may hear. */
    record NothingLearned() implements Sentence {}
  }

  void learn(long channelId, List<String> tokens) {
    lock.writeLock().lock();
    try {
      int[] ids = new int[tokens.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = vocabulary.acquire(tokens.get(i));
        if (ids[i] < 0) {
          for (int j = 0; j < i; j++) {
            vocabulary.release(ids[j]);
          }
          return; // a full vocabulary learns no new message rather than a broken one
        }
      }
      chains.computeIfAbsent(channelId, c -> new Chain(order)).learn(ids, 1);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Forgets one message learned with {@link #learn}; the exact reverse. */
  void forget(long channelId, List<String> tokens) {
    lock.writeLock().lock();
    try {
      Chain chain = chains.get(channelId);
      if (chain == null) {
        return;
      }
      int[] ids = new int[tokens.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = vocabulary.id(tokens.get(i));
        if (ids[i] < 0) {
          return; // never learned (a full vocabulary refused it)
        }
      }
      chain.learn(ids, -1);
      for (int id : ids) {
        vocabulary.release(id);
      }
      if (chain.isEmpty()) {
        chains.remove(channelId);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * A sentence of at most {@code maxWords} words (and {@code maxChars} characters) from the chains
   * of {@code sources}, starting with {@code start} when given, never with a {@code blocked} word.
   */
  Sentence speak(
      Collection<Long> sources,
      List<String> start,
      int maxWords,
      int maxChars,
      Set<String> blocked,
      RandomGenerator random) {
    lock.readLock().lock();
    try {
      List<Chain> from = new ArrayList<>();
      for (long source : sources) {
        Chain chain = chains.get(source);
        if (chain != null) {
          from.add(chain);
        }
      }
      if (from.isEmpty()) {
        return new Sentence.NothingLearned();
      }
      int[] context = new int[order + maxWords + start.size() + 1];
      int end = order; // context[0..order) are START
      List<String> out = new ArrayList<>();
      int chars = 0;
      for (String word : start) {
        int id = vocabulary.id(word);
        if (id < 0 || !known(from, id)) {
          return new Sentence.UnknownStart(word);
        }
        context[end++] = id;
        out.add(word);
        chars += word.length() + 1;
      }
      int words = (int) out.stream().filter(t -> !MessageCleaner.isPunctuation(t)).count();
      while (words < maxWords) {
        int next = next(from, context, end, blocked, random);
        if (next == Vocabulary.END) {
          break;
        }
        String word = vocabulary.word(next);
        if (chars + word.length() + 1 > maxChars) {
          break;
        }
        context[end++] = next;
        out.add(word);
        chars += word.length() + 1;
        if (!MessageCleaner.isPunctuation(word)) {
          words++;
        }
      }
      return out.isEmpty()
          ? new Sentence.NothingLearned()
          : new Sentence.Spoken(MessageCleaner.join(out));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The next word: from the longest context any source knows, drawn by summed frequency. Two passes
   * over the sources' counts (total, then the draw) rather than a merged map: a common word may
   * have thousands of followers, and this runs for every word of every sentence.
   */
  private int next(
      List<Chain> from, int[] context, int end, Set<String> blocked, RandomGenerator random) {
    Transitions[] found = new Transitions[from.size()];
    for (int k = order; k >= 1; k--) {
      long total = 0;
      for (int c = 0; c < found.length; c++) {
        found[c] = from.get(c).after(context, end, k);
        if (found[c] != null) {
          total += allowedTotal(found[c], blocked);
        }
      }
      if (total == 0) {
        continue;
      }
      long r = random.nextLong(total);
      for (Transitions t : found) {
        if (t == null) {
          continue;
        }
        for (int i = 0; i < t.size(); i++) {
          if (allowed(t.word(i), blocked)) {
            r -= t.count(i);
            if (r < 0) {
              return t.word(i);
            }
          }
        }
      }
    }
    return Vocabulary.END;
  }

  private long allowedTotal(Transitions t, Set<String> blocked) {
    if (blocked.isEmpty()) {
      return t.total();
    }
    long total = 0;
    for (int i = 0; i < t.size(); i++) {
      if (allowed(t.word(i), blocked)) {
        total += t.count(i);
      }
    }
    return total;
  }

  private boolean allowed(int word, Set<String> blocked) {
    return word == Vocabulary.END || blocked.isEmpty() || !blocked.contains(vocabulary.word(word));
  }

  private static boolean known(List<Chain> from, int id) {
    int[] one = {id};
    return from.stream().anyMatch(c -> c.after(one, 1, 1) != null);
  }

  /** One of the words of {@code candidates} these sources know, if any. */
  Optional<String> knownWord(Collection<Long> sources, List<String> candidates) {
    lock.readLock().lock();
    try {
      List<Chain> from = sources.stream().map(chains::get).filter(c -> c != null).toList();
      return candidates.stream()
          .filter(w -> !MessageCleaner.isPunctuation(w))
          .filter(
              w -> {
                int id = vocabulary.id(w);
                return id >= 0 && known(from, id);
              })
          .findFirst();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The channels this server's text was learned in. */
  List<Long> channels() {
    lock.readLock().lock();
    try {
      return List.copyOf(chains.keySet());
    } finally {
      lock.readLock().unlock();
    }
  }

  int words() {
    lock.readLock().lock();
    try {
      return vocabulary.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  long transitions() {
    lock.readLock().lock();
    try {
      return chains.values().stream().mapToLong(Chain::transitions).sum();
    } finally {
      lock.readLock().unlock();
    }
  }
}
