package dev.cogworks.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real LavaPlayer decoding real audio the test wrote, pumped as JDA's send loop would (without its
 * 20 ms pacing): frame counts, Opus TOC, decoded level, and the scheduler's rules.
 */
@DisplayName("Playback through LavaPlayer, no Discord")
class PlaybackTest {
  @TempDir static Path dir;
  private static Rig rig;

  @BeforeAll
  static void clips() {
    Clips.tone(dir.resolve("media/Low Hum.wav"), 220, 1000, 0.5);
    Clips.tone(dir.resolve("media/High Beep.wav"), 1760, 400, 0.5);
    Clips.tone(dir.resolve("media/Quiet.wav"), 440, 400, 0.05);
    Clips.tone(dir.resolve("media/Three.wav"), 330, 3000, 0.5);
    rig = new Rig(dir.resolve("media"), InetAddress::getAllByName, List.of());
  }

  @AfterAll
  static void close() {
    rig.close();
  }

  /** What the player told the cog, in order. */
  private static final class Heard implements GuildPlayer.Events {
    final List<String> started = new CopyOnWriteArrayList<>();
    final AtomicInteger ended = new AtomicInteger();

    @Override
    public void started(GuildPlayer player, Entry entry) {
      started.add(entry.song().title());
    }

    @Override
    public void failed(GuildPlayer player, Entry entry, String why) {
      started.add("failed " + why);
    }

    @Override
    public void queueEnded(GuildPlayer player) {
      ended.incrementAndGet();
    }
  }

  private final Heard heard = new Heard();

  private GuildPlayer player(int queueMax) {
    return new GuildPlayer(
        1, rig.manager.createPlayer(), new TrackQueue(queueMax, queueMax), heard);
  }

  private Entry entry(String name) throws LoadException {
    String source = "library:" + name;
    return new Entry(new Song(source, Library.title(name), 0, 7), rig.loader.load(source).get(0));
  }

  /** Takes frames as JDA would, until the queue ran out or {@code max} frames were taken. */
  private static List<byte[]> pump(GuildPlayer player, AtomicInteger ended, int max) {
    List<byte[]> frames = new ArrayList<>();
    int endedBefore = ended.get();
    while (frames.size() < max && ended.get() == endedBefore) {
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(1))
          .until(() -> player.frames().canProvide() || ended.get() != endedBefore);
      if (ended.get() != endedBefore) {
        break;
      }
      ByteBuffer frame = player.frames().nextFrame();
      byte[] bytes = new byte[frame.remaining()];
      frame.get(bytes);
      frames.add(bytes);
    }
    return frames;
  }

  @Test
  @DisplayName("a 1 s library WAV gives 50 Opus frames of 20 ms (TOC 0xFC), decoding to a tone")
  void framesOfATone() throws Exception {
    GuildPlayer player = player(10);
    player.enqueue(entry("Low Hum.wav"));
    List<byte[]> frames = pump(player, heard.ended, 1000);
    assertThat(frames).hasSizeBetween(49, 52);
    assertThat(frames).allSatisfy(f -> assertThat(f[0] & 0xff).isEqualTo(0xFC));
    assertThat(OpusLevel.rms(frames)).isGreaterThan(5000);
    assertThat(heard.started).containsExactly("Low Hum");
    assertThat(player.frames().late()).isZero();
    player.destroy();
  }

  @Test
  @DisplayName("the level follows the clip and the volume: quiet clip, volume 30, volume 0")
  void level() throws Exception {
    GuildPlayer player = player(10);
    player.enqueue(entry("High Beep.wav"));
    double loud = OpusLevel.rms(pump(player, heard.ended, 1000));
    player.enqueue(entry("Quiet.wav"));
    double quiet = OpusLevel.rms(pump(player, heard.ended, 1000));
    player.volume(30);
    player.enqueue(entry("High Beep.wav"));
    double lower = OpusLevel.rms(pump(player, heard.ended, 1000));
    player.volume(0);
    player.enqueue(entry("High Beep.wav"));
    double silent = OpusLevel.rms(pump(player, heard.ended, 1000));
    assertThat(quiet).isLessThan(loud / 4);
    assertThat(lower).isLessThan(loud * 0.6).isGreaterThan(quiet / 4);
    assertThat(silent).isLessThan(50);
    player.destroy();
  }

  @Test
  @DisplayName("skip plays the next at once; the queue ends after the last")
  void skip() throws Exception {
    GuildPlayer player = player(10);
    player.enqueue(entry("Low Hum.wav"));
    player.enqueue(entry("High Beep.wav"));
    List<byte[]> first = pump(player, new AtomicInteger(), 5);
    assertThat(first).hasSize(5);
    player.playNext();
    List<byte[]> rest = pump(player, heard.ended, 1000);
    assertThat(rest).as("the 400 ms beep, not the rest of the 1 s hum").hasSizeBetween(19, 23);
    assertThat(heard.started).containsExactly("Low Hum", "High Beep");
    assertThat(heard.ended).hasValue(1);
    player.destroy();
  }

  @Test
  @DisplayName("repeat one plays the track again; repeat all goes round the queue")
  void repeat() throws Exception {
    GuildPlayer player = player(10);
    player.repeat(RepeatMode.ONE);
    player.enqueue(entry("High Beep.wav"));
    pump(player, new AtomicInteger(), 45);
    assertThat(heard.started).containsExactly("High Beep", "High Beep", "High Beep");
    player.repeat(RepeatMode.ALL);
    player.enqueue(entry("Quiet.wav"));
    pump(player, new AtomicInteger(), 60);
    assertThat(heard.started.subList(3, heard.started.size())).startsWith("Quiet", "High Beep");
    player.repeat(RepeatMode.OFF);
    pump(player, heard.ended, 1000);
    assertThat(heard.ended).hasValue(1);
    player.destroy();
  }

  @Test
  @DisplayName("seek jumps ahead; pause gives no frames until resumed")
  void seekAndPause() throws Exception {
    GuildPlayer player = player(10);
    player.enqueue(entry("Low Hum.wav"));
    pump(player, new AtomicInteger(), 2);
    player.pause(true);
    await().during(Duration.ofMillis(200)).until(() -> !player.frames().canProvide());
    player.pause(false);
    pump(player, new AtomicInteger(), 3);
    assertThat(player.seek(600)).isTrue();
    List<byte[]> rest = pump(player, heard.ended, 1000);
    assertThat(rest).as("about 400 ms after seeking to 600 of 1000").hasSizeBetween(15, 25);
    player.destroy();
  }

  @Test
  @DisplayName(
      "a track restored paused at 2.0 s (a restart) keeps 2.0 s as its position, so a second save"
          + " keeps it too, and plays on from there once resumed")
  void restoredPausedKeepsItsPosition() throws Exception {
    GuildPlayer player = player(10);
    player.pause(true);
    player.restore(entry("Three.wav"), 2000, List.of(), true);
    // LavaPlayer takes the seek on its playback thread while paused: the position must not drop.
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(5))
        .until(() -> player.position() == 2000);
    player.pause(false);
    List<byte[]> rest = pump(player, heard.ended, 1000);
    assertThat(rest).as("the last second of three").hasSizeBetween(45, 55);
    player.destroy();
  }

  @Test
  @DisplayName("seeking while paused moves the position at once, before any frame is played")
  void seekWhilePaused() throws Exception {
    GuildPlayer player = player(10);
    player.enqueue(entry("Three.wav"));
    pump(player, new AtomicInteger(), 5);
    player.pause(true);
    assertThat(player.seek(2500)).isTrue();
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(5))
        .until(() -> player.position() == 2500);
    player.destroy();
  }
}
