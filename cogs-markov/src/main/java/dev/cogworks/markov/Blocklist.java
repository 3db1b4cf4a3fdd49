package dev.cogworks.markov;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Each server's words never to speak: in PostgreSQL, and in memory so speaking never waits. */
final class Blocklist {
  private final MarkovStore store;
  private final Map<Long, Set<String>> words = new ConcurrentHashMap<>();

  Blocklist(MarkovStore store) {
    this.store = store;
    store.forEachBlocked((guild, word) -> of(guild).add(word));
  }

  Set<String> words(long guildId) {
    return words.getOrDefault(guildId, Set.of());
  }

  /** Blocks or unblocks a word (blocking); false when nothing changed. */
  boolean set(long guildId, String word, boolean blocked) {
    String w = word.toLowerCase(Locale.ROOT).strip();
    boolean changed = store.block(guildId, w, blocked);
    if (blocked) {
      of(guildId).add(w);
    } else {
      of(guildId).remove(w);
    }
    return changed;
  }

  void dropServer(long guildId) {
    words.remove(guildId);
  }

  private Set<String> of(long guildId) {
    return words.computeIfAbsent(guildId, g -> ConcurrentHashMap.newKeySet());
  }
}
