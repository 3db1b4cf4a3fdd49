package dev.cogworks.api.voice;

import java.nio.ByteBuffer;

/**
 * What the bot plays in a voice channel: 20 ms Opus frames (48 kHz stereo), asked for every 20 ms
 * on the platform's audio thread. Both methods must answer at once; a frame not ready in time is a
 * gap in the sound.
 */
public interface AudioFrames {
  /** Whether a frame is ready now; asked before each {@link #nextFrame()}. */
  boolean canProvide();

  /** The next 20 ms Opus frame, read from its position to its limit. */
  ByteBuffer nextFrame();
}
