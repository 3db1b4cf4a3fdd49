package dev.cogworks.bench;

import dev.cogworks.api.CogHelper;
import java.util.concurrent.CompletableFuture;

/**
 * A cog that sends, edits and deletes on the benchmark's behalf, through CogHelper like any cog.
 */
final class BenchCog extends CogHelper implements Sender {
  @Override
  public String name() {
    return "bench";
  }

  @Override
  public CompletableFuture<Long> send(long channel, String content) {
    return sendMessage(channel, content).thenApply(sent -> sent.id());
  }

  @Override
  public CompletableFuture<?> edit(long channel, long message, String content) {
    return editMessage(channel, message, content);
  }

  CompletableFuture<?> delete(long channel, long message) {
    return deleteMessage(channel, message);
  }

  CompletableFuture<?> history(long channel, int limit) {
    return fetchChannelHistory(channel, limit, null, null);
  }

  CompletableFuture<?> emojis(long guild) {
    return fetchGuildEmojis(guild);
  }
}
