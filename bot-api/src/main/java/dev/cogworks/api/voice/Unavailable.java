package dev.cogworks.api.voice;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** {@link Voice#unavailable()}. */
enum Unavailable implements Voice {
  INSTANCE;

  @Override
  public OptionalLong channelOf(long guildId, long userId) {
    return OptionalLong.empty();
  }

  @Override
  public OptionalLong botChannel(long guildId) {
    return OptionalLong.empty();
  }

  @Override
  public List<Long> listeners(long guildId, long channelId) {
    return List.of();
  }

  @Override
  public boolean isStage(long guildId, long channelId) {
    return false;
  }

  @Override
  public CompletableFuture<Void> join(long guildId, long channelId, AudioFrames audio) {
    return CompletableFuture.failedFuture(
        new VoiceException(VoiceException.Reason.UNAVAILABLE, "this bot has no voice"));
  }

  @Override
  public void leave(long guildId) {}

  @Override
  public void addListener(VoiceListener listener) {}
}
