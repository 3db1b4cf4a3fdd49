package dev.cogworks.app;

import com.typesafe.config.Config;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.sim.DiscordSim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's music library: at first start, when {@code music.library_dir} does not exist yet, a
 * few tunes and tones synthesized here (so they are free of anyone's rights) and a playlist of
 * them, so that {@code !play} works in the browser with no setup. The library is also served over
 * HTTP by the simulator's own server ({@code /media/}), the one origin the music cog's URL guard
 * lets through on loopback, so playing a URL can be tried offline too.
 */
final class MusicSandboxSeed {
  private static final Logger log = LoggerFactory.getLogger(MusicSandboxSeed.class);
  private static final int RATE = 48_000;

  private MusicSandboxSeed() {}

  static final String MEDIA_PATH = "/media/";
  static final String ALLOW_PRIVATE = "music.http.allow_private_hosts";

  /** Makes the library if it is not there yet; returns its folder. */
  static Path apply(Config config) {
    Path dir =
        Path.of(
            config.hasPath("music.library_dir")
                ? config.getString("music.library_dir")
                : "./media");
    if (Files.exists(dir)) {
      return dir;
    }
    try {
      Files.createDirectories(dir);
      write(
          dir.resolve("Rain on Glass.wav"), tune(new double[] {392, 440, 523.25, 440}, 4000, 0.25));
      write(
          dir.resolve("Morning Bells.wav"),
          tune(new double[] {659.25, 783.99, 1046.5, 783.99}, 6000, 0.3));
      write(
          dir.resolve("Slow River.wav"),
          tune(new double[] {196, 220, 246.94, 261.63, 246.94, 220}, 12000, 0.3));
      write(dir.resolve("Tone A440 2s.wav"), tune(new double[] {440}, 2000, 0.3));
      write(dir.resolve("Tone A880 1s.wav"), tune(new double[] {880}, 1000, 0.3));
      Files.writeString(
          dir.resolve("Sandbox Mix.m3u"),
          "#EXTM3U\nRain on Glass.wav\nMorning Bells.wav\nSlow River.wav\n");
      log.info("Sandbox music library made in {} (synthesized tunes, a playlist)", dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the sandbox music library in " + dir, e);
    }
    return dir;
  }

  /**
   * Serves {@code library} under the simulator's {@code /media/} and returns the config with that
   * origin (the simulator's host and port, nothing else on loopback) added to the music cog's
   * {@code http.allow_private_hosts}.
   */
  static CogworksConfig serve(DiscordSim sim, Path library, CogworksConfig config) {
    String base = sim.serveFolder(MEDIA_PATH, library);
    URI uri = URI.create(base);
    List<String> allowed = new ArrayList<>(config.raw().getStringList(ALLOW_PRIVATE));
    allowed.add(uri.getHost() + ":" + uri.getPort());
    log.info("Sandbox music library served at {} (try: !play {}Rain%20on%20Glass.wav)", base, base);
    return config.withCogValue(ALLOW_PRIVATE, allowed);
  }

  /** Notes of equal length with a soft attack and release, stereo 16-bit. */
  private static short[] tune(double[] notes, long millis, double amplitude) {
    int frames = (int) (RATE * millis / 1000);
    int perNote = frames / notes.length;
    short[] samples = new short[frames * 2];
    for (int i = 0; i < frames; i++) {
      int note = Math.min(notes.length - 1, i / perNote);
      int inNote = i - note * perNote;
      double envelope = Math.min(1, Math.min(inNote, perNote - inNote) / (RATE * 0.02));
      double value =
          Math.sin(2 * Math.PI * notes[note] * i / RATE) * 0.8
              + Math.sin(4 * Math.PI * notes[note] * i / RATE) * 0.2;
      short sample = (short) (value * envelope * amplitude * Short.MAX_VALUE);
      samples[2 * i] = sample;
      samples[2 * i + 1] = sample;
    }
    return samples;
  }

  private static void write(Path file, short[] samples) throws IOException {
    ByteBuffer data = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    data.put("RIFF".getBytes()).putInt(36 + samples.length * 2).put("WAVE".getBytes());
    data.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2);
    data.putInt(RATE).putInt(RATE * 4).putShort((short) 4).putShort((short) 16);
    data.put("data".getBytes()).putInt(samples.length * 2);
    for (short s : samples) {
      data.putShort(s);
    }
    Files.write(file, data.array());
  }
}
