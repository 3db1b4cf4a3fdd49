package dev.cogworks.sim.voice;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.dv8tion.jda.api.audio.AudioSendHandler;

/** An {@link AudioSendHandler} that hands JDA queued Opus frames, one per 20 ms, then nothing. */
public final class ClipSender implements AudioSendHandler {
  private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();

  public void play(List<byte[]> frames) {
    queue.addAll(frames);
  }

  public boolean done() {
    return queue.isEmpty();
  }

  @Override
  public boolean canProvide() {
    return !queue.isEmpty();
  }

  @Override
  public ByteBuffer provide20MsAudio() {
    byte[] frame = queue.poll();
    return frame == null ? null : ByteBuffer.wrap(frame);
  }

  @Override
  public boolean isOpus() {
    return true;
  }
}
