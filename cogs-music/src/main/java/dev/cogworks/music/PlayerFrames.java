package dev.cogworks.music;

import com.sedmelluq.discord.lavaplayer.format.StandardAudioDataFormats;
import com.sedmelluq.discord.lavaplayer.player.AudioPlayer;
import com.sedmelluq.discord.lavaplayer.track.playback.MutableAudioFrame;
import dev.cogworks.api.voice.AudioFrames;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A player's 20 ms Opus frames for the voice connection, read without copying. Counts the frames it
 * was asked for while a track was playing and could not give: the late frames the benchmark
 * reports.
 */
final class PlayerFrames implements AudioFrames {
  private final AudioPlayer player;
  private final ByteBuffer buffer =
      ByteBuffer.allocate(StandardAudioDataFormats.DISCORD_OPUS.maximumChunkSize());
  private final MutableAudioFrame frame = new MutableAudioFrame();
  private final AtomicLong provided = new AtomicLong();
  private final AtomicLong late = new AtomicLong();

  PlayerFrames(AudioPlayer player) {
    this.player = player;
    frame.setBuffer(buffer);
  }

  @Override
  public boolean canProvide() {
    if (player.provide(frame)) {
      provided.incrementAndGet();
      return true;
    }
    if (player.getPlayingTrack() != null && !player.isPaused()) {
      late.incrementAndGet();
    }
    return false;
  }

  @Override
  public ByteBuffer nextFrame() {
    buffer.flip();
    return buffer;
  }

  long provided() {
    return provided.get();
  }

  long late() {
    return late.get();
  }
}
