package dev.cogworks.sim.voice;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test clip: 20 ms Opus frames (48 kHz stereo, as Discord wants) of a sine tone or of silence,
 * encoded in-process, with the level of the PCM they were made from.
 *
 * @param frames one Opus frame per 20 ms
 * @param sourceLevelDbfs the RMS level of the source PCM, dB relative to full scale
 */
public record OpusClip(List<byte[]> frames, double sourceLevelDbfs) {
  private static final int RATE = 48_000;
  private static final int FRAME = 960;

  /** {@code count} frames of a {@code hertz} tone at {@code amplitude} (0..1) of full scale. */
  public static OpusClip tone(int count, double hertz, double amplitude) {
    try {
      OpusEncoder encoder = new OpusEncoder(RATE, 2, OpusApplication.OPUS_APPLICATION_AUDIO);
      encoder.setBitrate(128_000);
      List<byte[]> frames = new ArrayList<>();
      short[] pcm = new short[FRAME * 2];
      byte[] out = new byte[1275];
      double squares = 0;
      long samples = 0;
      for (int f = 0; f < count; f++) {
        for (int i = 0; i < FRAME; i++) {
          double t = (double) (f * FRAME + i) / RATE;
          short value = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hertz * t));
          pcm[2 * i] = value;
          pcm[2 * i + 1] = value;
          double normalized = value / 32768.0;
          squares += 2 * normalized * normalized;
          samples += 2;
        }
        int length = encoder.encode(pcm, 0, FRAME, out, 0, out.length);
        frames.add(Arrays.copyOf(out, length));
      }
      return new OpusClip(List.copyOf(frames), 10 * Math.log10(squares / samples));
    } catch (OpusException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code count} frames of digital silence, encoded (not Opus's 3-byte silence frame). */
  public static OpusClip silence(int count) {
    OpusClip encoded = tone(count, 440, 0);
    return new OpusClip(encoded.frames(), Double.NEGATIVE_INFINITY);
  }
}
