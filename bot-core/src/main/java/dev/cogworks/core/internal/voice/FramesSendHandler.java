package dev.cogworks.core.internal.voice;

import dev.cogworks.api.voice.AudioFrames;
import java.nio.ByteBuffer;
import net.dv8tion.jda.api.audio.AudioSendHandler;

/** A cog's {@link AudioFrames} as JDA's send handler: Opus frames, handed on unchanged. */
final class FramesSendHandler implements AudioSendHandler {
  private final AudioFrames frames;

  FramesSendHandler(AudioFrames frames) {
    this.frames = frames;
  }

  @Override
  public boolean canProvide() {
    return frames.canProvide();
  }

  @Override
  public ByteBuffer provide20MsAudio() {
    return frames.nextFrame();
  }

  @Override
  public boolean isOpus() {
    return true;
  }
}
