package dev.cogworks.sim.voice;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.time.Instant;

/**
 * The audio of one voice connection as it arrives: sequence and timestamp bookkeeping, arrival
 * jitter, and the level of the decoded Opus. Called from the UDP thread; read from anywhere.
 */
final class VoiceStream {
  /** Opus at 48 kHz in 20 ms frames: the RTP timestamp advances this much per frame. */
  static final int SAMPLES_PER_FRAME = 960;

  static final int CHANNELS = 2;
  private static final double RECENT_WEIGHT = 0.1;

  final long guildId;
  final long userId;
  final long channelId;
  final int ssrc;
  final String mode;
  final int daveProtocolVersion;

  private OpusDecoder decoder;
  private final short[] pcm = new short[SAMPLES_PER_FRAME * CHANNELS * 6];
  private boolean connected = true;
  private int speaking;
  private long packets;
  private long bytes;
  private long silenceFrames;
  private long lost;
  private long outOfOrder;
  private long duplicates;
  private long timestampJumps;
  private long decryptFailures;
  private long audioBeforeSpeaking;
  private long decodedFrames;
  private int lastSequence = -1;
  private long lastTimestamp;
  private long lastArrivalNanos;
  private long previousTransit;
  private double jitterSamples;
  private double maxGapMs;
  private double sumSquares;
  private long samples;
  private double recentMeanSquare;
  private Instant lastFrameAt;

  VoiceStream(
      long guildId, long userId, long channelId, int ssrc, String mode, int daveProtocolVersion) {
    this.guildId = guildId;
    this.userId = userId;
    this.channelId = channelId;
    this.ssrc = ssrc;
    this.mode = mode;
    this.daveProtocolVersion = daveProtocolVersion;
  }

  synchronized void speaking(int mode) {
    speaking = mode;
  }

  synchronized void disconnected() {
    connected = false;
  }

  synchronized long packets() {
    return packets;
  }

  synchronized void decryptFailed() {
    decryptFailures++;
  }

  /**
   * Counts one decrypted packet. Returns the decoded PCM (interleaved stereo, 960 samples per
   * channel) when {@code decode} says to decode it, else null.
   */
  synchronized short[] frame(int sequence, long timestamp, byte[] opus, boolean decode) {
    long now = System.nanoTime();
    packets++;
    bytes += opus.length;
    lastFrameAt = Instant.now();
    if (speaking == 0) {
      audioBeforeSpeaking++;
    }
    if (isSilence(opus)) {
      silenceFrames++;
    }
    order(sequence, timestamp);
    arrival(now, timestamp);
    return decode ? decode(opus) : null;
  }

  private void order(int sequence, long timestamp) {
    if (lastSequence < 0) {
      lastSequence = sequence;
      lastTimestamp = timestamp;
      return;
    }
    int ahead = (sequence - lastSequence) & 0xFFFF;
    if (ahead == 0) {
      duplicates++;
    } else if (ahead < 0x8000) {
      lost += ahead - 1;
      long expected = (lastTimestamp + (long) ahead * SAMPLES_PER_FRAME) & 0xFFFFFFFFL;
      if (timestamp != expected) {
        timestampJumps++;
      }
      lastSequence = sequence;
      lastTimestamp = timestamp;
    } else {
      // Older than the newest seen: it was counted lost when the newer one arrived.
      outOfOrder++;
      if (lost > 0) {
        lost--;
      }
    }
  }

  /** RFC 3550 §6.4.1: J += (|D| - J) / 16, D the change in transit time, in timestamp units. */
  private void arrival(long nowNanos, long timestamp) {
    long arrivalUnits = nowNanos * 48 / 1_000_000;
    long transit = arrivalUnits - timestamp;
    if (lastArrivalNanos != 0) {
      long d = Math.abs(transit - previousTransit);
      jitterSamples += (d - jitterSamples) / 16;
      maxGapMs = Math.max(maxGapMs, (nowNanos - lastArrivalNanos) / 1e6);
    }
    previousTransit = transit;
    lastArrivalNanos = nowNanos;
  }

  private short[] decode(byte[] opus) {
    try {
      if (decoder == null) {
        decoder = new OpusDecoder(48_000, CHANNELS);
      }
      int perChannel = decoder.decode(opus, 0, opus.length, pcm, 0, SAMPLES_PER_FRAME * 6, false);
      int count = perChannel * CHANNELS;
      double squares = 0;
      for (int i = 0; i < count; i++) {
        double sample = pcm[i] / 32768.0;
        squares += sample * sample;
      }
      sumSquares += squares;
      samples += count;
      double meanSquare = count == 0 ? 0 : squares / count;
      recentMeanSquare =
          decodedFrames == 0
              ? meanSquare
              : recentMeanSquare + (meanSquare - recentMeanSquare) * RECENT_WEIGHT;
      decodedFrames++;
      short[] frame = new short[count];
      System.arraycopy(pcm, 0, frame, 0, count);
      return frame;
    } catch (OpusException | RuntimeException e) {
      // A frame the decoder cannot read is counted as a packet, not measured.
      return null;
    }
  }

  /** Opus's three-byte silence frame, which Discord asks senders to end a burst with. */
  static boolean isSilence(byte[] opus) {
    return opus.length == 3
        && (opus[0] & 0xFF) == 0xF8
        && (opus[1] & 0xFF) == 0xFF
        && (opus[2] & 0xFF) == 0xFE;
  }

  synchronized VoiceStats stats() {
    return new VoiceStats(
        guildId,
        userId,
        channelId,
        ssrc,
        mode,
        daveProtocolVersion,
        connected,
        packets,
        bytes,
        silenceFrames,
        lost,
        outOfOrder,
        duplicates,
        timestampJumps,
        decryptFailures,
        audioBeforeSpeaking,
        speaking,
        decodedFrames,
        dbfs(recentMeanSquare),
        samples == 0 ? Double.NEGATIVE_INFINITY : dbfs(sumSquares / samples),
        jitterSamples / 48.0,
        maxGapMs,
        lastFrameAt);
  }

  /** A mean square as dB relative to a full-scale square wave (a full-scale sine is -3 dBFS). */
  static double dbfs(double meanSquare) {
    return meanSquare <= 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(meanSquare);
  }
}
