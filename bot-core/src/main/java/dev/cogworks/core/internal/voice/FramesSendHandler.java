package dev.cogworks.core.internal.voice;

import dev.cogworks.api.voice.AudioFrames;
import java.nio.ByteBuffer;
import net.dv8tion.jda.api.audio.AudioSendHandler;

/**
 * A cog's {@link AudioFrames} as JDA's send handler: Opus frames, handed on unchanged. Stopped
 * rather than removed on leave: JDA's sending thread reads the manager's handler between {@code
 * canProvide()} and {@code provide20MsAudio()}, so setting it to null mid-frame threw a
 * NullPointerException there; a stopped handler simply has nothing to give.
 */
final class FramesSendHandler implements AudioSendHandler {
  private final AudioFrames frames;
  private volatile boolean stopped;

  FramesSendHandler(AudioFrames frames) {
    this.frames = frames;
  }

  /** Nothing more is given to JDA from now on. */
  void stop() {
    stopped = true;
  }

  @Override
  public boolean canProvide() {
    return !stopped && frames.canProvide();
  }

  @Override
  public ByteBuffer provide20MsAudio() {
    return stopped ? null : frames.nextFrame();
  }

  @Override
  public boolean isOpus() {
    return true;
  }
}
