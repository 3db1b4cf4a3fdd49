package dev.cogworks.music;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each server's player state (queue, track, position) and its plays to PostgreSQL on a
 * thread of its own, in the order they happened, so no command waits on the database for them. Once
 * the cog unloads, players being torn down save nothing more: where they were is saved once, at
 * unload.
 */
final class StateWriter {
  private static final Logger log = LoggerFactory.getLogger(StateWriter.class);

  private final MusicStore store;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(MusicCog.daemon("music-state"));
  private volatile boolean unloading;

  StateWriter(MusicStore store) {
    this.store = store;
  }

  /** Whether the cog is unloading: players stopping now are not news to anyone. */
  boolean unloading() {
    return unloading;
  }

  void startUnloading() {
    unloading = true;
  }

  /** Saves the server's player for a restart, after what was asked before. */
  void save(GuildPlayer player) {
    if (unloading) {
      return;
    }
    MusicStore.State state = snapshot(player);
    run("save the music state", player.guildId, () -> store.save(state));
  }

  /** Saves at once, on the calling thread (at unload, where each player is). */
  void saveNow(GuildPlayer player) {
    try {
      store.save(snapshot(player));
    } catch (RuntimeException e) {
      log.warn("Could not save the music state of guild {}", player.guildId, e);
    }
  }

  void played(long guildId, Song song) {
    run("record a play", guildId, () -> store.played(guildId, song));
  }

  void forget(long guildId) {
    run("forget the music state", guildId, () -> store.forget(guildId));
  }

  /**
   * Runs {@code work} on the writer's thread after every write asked for so far, and returns what
   * it returns. Blocks the caller: for the I/O pool (a person's data being deleted, which must come
   * after the saves that still hold their tracks), never a cog executor thread.
   */
  <T> T afterPending(Supplier<T> work) {
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    try {
      thread.execute(
          () -> {
            try {
              result.set(work.get());
            } catch (RuntimeException e) {
              failure.set(e);
            } finally {
              done.countDown();
            }
          });
    } catch (RejectedExecutionException unloaded) {
      // Nothing more will be written: the work needs no ordering.
      return work.get();
    }
    try {
      if (!done.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the music state writer did not get to it in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the music state writer", e);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  /** Lets the writes asked for finish; takes no more. */
  void shutdown() {
    thread.shutdown();
  }

  private void run(String what, long guildId, Runnable work) {
    thread.execute(
        () -> {
          try {
            work.run();
          } catch (RuntimeException e) {
            log.warn("Could not {} of guild {}", what, guildId, e);
          }
        });
  }

  static MusicStore.State snapshot(GuildPlayer player) {
    List<Song> songs = new ArrayList<>();
    Optional<Entry> current = player.current();
    current.ifPresent(e -> songs.add(e.song()));
    player.waiting().forEach(e -> songs.add(e.song()));
    return new MusicStore.State(
        player.guildId,
        player.voiceChannelId() == 0 ? null : player.voiceChannelId(),
        player.textChannelId(),
        player.position(),
        player.volume(),
        player.repeat(),
        player.paused(),
        current.isPresent(),
        songs);
  }
}
