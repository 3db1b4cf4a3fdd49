package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.natives.opus.OpusDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.List;

/** Decodes Opus frames (LavaPlayer's own decoder) and measures their level. */
final class OpusLevel {
  private OpusLevel() {}

  /** The RMS of the decoded samples of all frames, in 16-bit units. */
  static double rms(List<byte[]> frames) {
    OpusDecoder decoder = new OpusDecoder(48_000, 2);
    try {
      double sum = 0;
      long count = 0;
      ByteBuffer in = ByteBuffer.allocateDirect(4096);
      ShortBuffer out =
          ByteBuffer.allocateDirect(960 * 2 * 2 * 3).order(ByteOrder.nativeOrder()).asShortBuffer();
      for (byte[] frame : frames) {
        in.clear();
        in.put(frame).flip();
        out.clear();
        int samples = decoder.decode(in, out);
        for (int i = 0; i < samples * 2; i++) {
          double s = out.get(i);
          sum += s * s;
          count++;
        }
      }
      return count == 0 ? 0 : Math.sqrt(sum / count);
    } finally {
      decoder.close();
    }
  }
}
