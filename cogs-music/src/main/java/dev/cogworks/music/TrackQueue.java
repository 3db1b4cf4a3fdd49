package dev.cogworks.music;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A server's waiting tracks: bounded ({@code music.queue_max}), with a per-person share, and the
 * edits people make (positions are 1-based, as shown). Pure, not thread-safe: its {@link
 * GuildPlayer} holds the lock.
 */
final class TrackQueue {
  /** Why a track was not added. */
  enum Refusal {
    FULL,
    USER_SHARE
  }

  private final int max;
  private final int perUser;
  private final List<Entry> entries = new ArrayList<>();

  TrackQueue(int max, int perUser) {
    this.max = max;
    this.perUser = perUser;
  }

  /** Adds at the end, or says why not. */
  Optional<Refusal> add(Entry entry) {
    if (entries.size() >= max) {
      return Optional.of(Refusal.FULL);
    }
    if (countBy(entry.song().requester()) >= perUser) {
      return Optional.of(Refusal.USER_SHARE);
    }
    entries.add(entry);
    return Optional.empty();
  }

  /** Adds without the per-person share (repeat all, a restart resuming). */
  boolean addAnyway(Entry entry) {
    if (entries.size() >= max) {
      return false;
    }
    entries.add(entry);
    return true;
  }

  long countBy(long user) {
    return entries.stream().filter(e -> e.song().requester() == user).count();
  }

  /** Removes every track {@code user} asked for; how many there were. */
  int removeBy(long user) {
    int before = entries.size();
    entries.removeIf(e -> e.song().requester() == user);
    return before - entries.size();
  }

  Optional<Entry> poll() {
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.remove(0));
  }

  Optional<Entry> get(int position) {
    return valid(position) ? Optional.of(entries.get(position - 1)) : Optional.empty();
  }

  Optional<Entry> remove(int position) {
    return valid(position) ? Optional.of(entries.remove(position - 1)) : Optional.empty();
  }

  /** Moves the track at {@code position} to the front. */
  Optional<Entry> bump(int position) {
    return move(position, 1);
  }

  Optional<Entry> move(int from, int to) {
    if (!valid(from) || !valid(to)) {
      return Optional.empty();
    }
    Entry entry = entries.remove(from - 1);
    entries.add(to - 1, entry);
    return Optional.of(entry);
  }

  void shuffle(Random random) {
    Collections.shuffle(entries, random);
  }

  int clear() {
    int n = entries.size();
    entries.clear();
    return n;
  }

  int size() {
    return entries.size();
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  int max() {
    return max;
  }

  int perUser() {
    return perUser;
  }

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  private boolean valid(int position) {
    return position >= 1 && position <= entries.size();
  }
}
