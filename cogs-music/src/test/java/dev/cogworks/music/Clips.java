package dev.cogworks.music;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Audio the tests make themselves: 16-bit stereo 48 kHz WAV tones. */
final class Clips {
  private Clips() {}

  /** A sine tone of {@code hz} for {@code millis}, at {@code amplitude} (0-1 of full scale). */
  static Path tone(Path file, double hz, long millis, double amplitude) {
    int rate = 48_000;
    int frames = (int) (rate * millis / 1000);
    ByteBuffer data = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
    data.put("RIFF".getBytes()).putInt(36 + frames * 4).put("WAVE".getBytes());
    data.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2);
    data.putInt(rate).putInt(rate * 4).putShort((short) 4).putShort((short) 16);
    data.put("data".getBytes()).putInt(frames * 4);
    for (int i = 0; i < frames; i++) {
      short sample = (short) (Math.sin(2 * Math.PI * hz * i / rate) * amplitude * Short.MAX_VALUE);
      data.putShort(sample).putShort(sample);
    }
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, data.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
