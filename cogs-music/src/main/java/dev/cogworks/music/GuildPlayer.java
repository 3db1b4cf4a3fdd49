package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.player.AudioPlayer;
import com.sedmelluq.discord.lavaplayer.player.event.AudioEventAdapter;
import com.sedmelluq.discord.lavaplayer.tools.FriendlyException;
import com.sedmelluq.discord.lavaplayer.track.AudioTrack;
import com.sedmelluq.discord.lavaplayer.track.AudioTrackEndReason;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * One server's music: its LavaPlayer player, queue and scheduler (what plays next, repeat), the
 * votes to skip, and where it plays and announces. Its methods are called from command threads and
 * LavaPlayer's track threads alike, so the state sits behind this object's lock; what people are
 * told goes out through {@link Events}, outside it.
 */
final class GuildPlayer extends AudioEventAdapter {
  /** What the cog does when a track starts or fails, and when the queue ran out. */
  interface Events {
    void started(GuildPlayer player, Entry entry);

    void failed(GuildPlayer player, Entry entry, String why);

    void queueEnded(GuildPlayer player);
  }

  final long guildId;
  private final AudioPlayer player;
  private final PlayerFrames frames;
  private final TrackQueue queue;
  private final Events events;
  private Entry current;
  private RepeatMode repeat = RepeatMode.OFF;
  private final Set<Long> votes = new HashSet<>();
  private volatile long textChannelId;
  private volatile long voiceChannelId;
  private volatile long idleSinceMillis;
  private java.util.concurrent.CompletableFuture<dev.cogworks.api.messaging.ProgressMessage>
      nowPlaying;
  private String nowPlayingText;
  private volatile Seeked seeked;

  /**
   * Where a seek or a restart put {@code track}, until a frame is played after it: LavaPlayer
   * performs a seek on its playback thread and then reports the last frame played, so a paused
   * player would show (and save for the next restart) 0 or where it was before.
   */
  private record Seeked(AudioTrack track, long positionMs, long providedAt) {}

  GuildPlayer(long guildId, AudioPlayer player, TrackQueue queue, Events events) {
    this.guildId = guildId;
    this.player = player;
    this.queue = queue;
    this.events = events;
    this.frames = new PlayerFrames(player);
    player.addListener(this);
  }

  PlayerFrames frames() {
    return frames;
  }

  // ---- the queue ----

  /** Adds a track; plays it at once when nothing plays. */
  Optional<TrackQueue.Refusal> enqueue(Entry entry) {
    Optional<TrackQueue.Refusal> refused;
    boolean start;
    synchronized (this) {
      refused = queue.add(entry);
      start = refused.isEmpty() && current == null;
    }
    if (start) {
      playNext();
    }
    return refused;
  }

  /** Puts tracks back as they were (a restart): {@code playing} first, from {@code positionMs}. */
  void restore(Entry playing, long positionMs, List<Entry> waiting, boolean start) {
    synchronized (this) {
      waiting.forEach(queue::addAnyway);
      if (playing != null && !start) {
        // Not playing yet (nobody listening): it waits at the front.
        List<Entry> rest = queue.entries();
        queue.clear();
        queue.addAnyway(playing);
        rest.forEach(queue::addAnyway);
      }
    }
    if (playing != null && start) {
      AudioTrack track = playing.fresh().track();
      if (track.isSeekable() && positionMs > 0) {
        track.setPosition(positionMs);
        seeked = new Seeked(track, positionMs, frames.provided());
      }
      begin(new Entry(playing.song(), track));
    }
  }

  /** Stops the current track and plays the next one (if any). */
  void playNext() {
    Entry next;
    synchronized (this) {
      next = queue.poll().orElse(null);
      if (next == null) {
        current = null;
        votes.clear();
      }
    }
    if (next == null) {
      player.stopTrack();
      events.queueEnded(this);
      return;
    }
    begin(next.fresh());
  }

  private void begin(Entry entry) {
    synchronized (this) {
      current = entry;
      votes.clear();
    }
    // noInterrupt false: replaces whatever plays.
    player.startTrack(entry.track(), false);
  }

  synchronized Optional<Entry> current() {
    return Optional.ofNullable(current);
  }

  synchronized List<Entry> waiting() {
    return queue.entries();
  }

  synchronized Optional<Entry> at(int position) {
    return queue.get(position);
  }

  synchronized Optional<Entry> remove(int position) {
    return queue.remove(position);
  }

  synchronized Optional<Entry> bump(int position) {
    return queue.bump(position);
  }

  synchronized Optional<Entry> move(int from, int to) {
    return queue.move(from, to);
  }

  synchronized void shuffle(Random random) {
    queue.shuffle(random);
  }

  synchronized int clear() {
    return queue.clear();
  }

  synchronized int queued() {
    return queue.size();
  }

  synchronized long queuedBy(long user) {
    return queue.countBy(user);
  }

  TrackQueue limits() {
    return queue;
  }

  /**
   * Takes out everything of {@code user}'s (their data was deleted): their waiting tracks and their
   * vote go, and their track playing now is skipped. How many tracks went.
   */
  int forget(long user) {
    int removed;
    boolean playingTheirs;
    synchronized (this) {
      removed = queue.removeBy(user);
      votes.remove(user);
      playingTheirs = current != null && current.song().requester() == user;
    }
    if (playingTheirs) {
      playNext();
      removed++;
    }
    return removed;
  }

  /** Clears the queue and stops playing. */
  void stop() {
    synchronized (this) {
      queue.clear();
      current = null;
      votes.clear();
    }
    player.stopTrack();
  }

  // ---- playback ----

  void pause(boolean paused) {
    player.setPaused(paused);
  }

  boolean paused() {
    return player.isPaused();
  }

  void volume(int volume) {
    player.setVolume(volume);
  }

  int volume() {
    return player.getVolume();
  }

  synchronized void repeat(RepeatMode mode) {
    repeat = mode;
  }

  synchronized RepeatMode repeat() {
    return repeat;
  }

  /** The playing track's position, 0 when none. */
  long position() {
    AudioTrack track = player.getPlayingTrack();
    if (track == null) {
      return 0;
    }
    Seeked at = seeked;
    if (at != null && at.track() == track && at.providedAt() == frames.provided()) {
      return at.positionMs();
    }
    return track.getPosition();
  }

  /** Seeks the playing track; false when nothing plays or it cannot seek. */
  boolean seek(long millis) {
    AudioTrack track = player.getPlayingTrack();
    if (track == null || !track.isSeekable()) {
      return false;
    }
    long to = Math.max(0, Math.min(millis, track.getDuration()));
    track.setPosition(to);
    seeked = new Seeked(track, to, frames.provided());
    return true;
  }

  /** Records a vote to skip; the number of votes so far. */
  synchronized int vote(long user) {
    votes.add(user);
    return votes.size();
  }

  boolean playing() {
    return player.getPlayingTrack() != null;
  }

  // ---- where ----

  long textChannelId() {
    return textChannelId;
  }

  void textChannelId(long id) {
    textChannelId = id;
  }

  long voiceChannelId() {
    return voiceChannelId;
  }

  void voiceChannelId(long id) {
    voiceChannelId = id;
  }

  long idleSince() {
    return idleSinceMillis;
  }

  void idleSince(long millis) {
    idleSinceMillis = millis;
  }

  /**
   * The player's now-playing message: sent once, then edited for each track, so a playlist of short
   * tracks costs a few edits rather than a message per track.
   */
  synchronized java.util.concurrent.CompletableFuture<dev.cogworks.api.messaging.ProgressMessage>
      nowPlaying(
          String text,
          java.util.function.Supplier<
                  java.util.concurrent.CompletableFuture<
                      dev.cogworks.api.messaging.ProgressMessage>>
              send) {
    nowPlayingText = text;
    if (nowPlaying == null || nowPlaying.isCompletedExceptionally()) {
      nowPlaying = send.get();
      return null;
    }
    return nowPlaying;
  }

  /** The now-playing message, or null before the first track. */
  synchronized java.util.concurrent.CompletableFuture<dev.cogworks.api.messaging.ProgressMessage>
      nowPlayingMessage() {
    return nowPlaying;
  }

  /** What the now-playing message shows now, or null before the first track. */
  synchronized String nowPlayingText() {
    return nowPlayingText;
  }

  /** Swaps in a reposted now-playing message, unless another replaced {@code old} meanwhile. */
  synchronized boolean replaceNowPlaying(
      java.util.concurrent.CompletableFuture<dev.cogworks.api.messaging.ProgressMessage> old,
      java.util.concurrent.CompletableFuture<dev.cogworks.api.messaging.ProgressMessage> fresh) {
    if (nowPlaying != old) {
      return false;
    }
    nowPlaying = fresh;
    return true;
  }

  void destroy() {
    stop();
    player.destroy();
  }

  // ---- LavaPlayer's events ----

  @Override
  public void onTrackStart(AudioPlayer player, AudioTrack track) {
    Entry entry;
    synchronized (this) {
      entry = current;
    }
    if (entry != null && entry.track() == track) {
      events.started(this, entry);
    }
  }

  @Override
  public void onTrackEnd(AudioPlayer player, AudioTrack track, AudioTrackEndReason reason) {
    if (!reason.mayStartNext) {
      return;
    }
    Entry ended;
    RepeatMode mode;
    synchronized (this) {
      if (current == null || current.track() != track) {
        return;
      }
      ended = current;
      mode = repeat;
      if (mode == RepeatMode.ALL && reason == AudioTrackEndReason.FINISHED) {
        queue.addAnyway(ended);
      }
    }
    if (mode == RepeatMode.ONE && reason == AudioTrackEndReason.FINISHED) {
      begin(ended.fresh());
    } else {
      playNext();
    }
  }

  @Override
  public void onTrackException(AudioPlayer player, AudioTrack track, FriendlyException exception) {
    Entry entry;
    synchronized (this) {
      entry = current;
    }
    if (entry != null && entry.track() == track) {
      events.failed(this, entry, Loader.reason(exception));
    }
  }
}
