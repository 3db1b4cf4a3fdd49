package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import java.util.List;

/** The shards this process runs, and which shard a request's guild belongs to. */
public interface ShardScope {
  /** This process's shard ids. */
  List<Integer> shards();

  /**
   * The shard of the request's guild ({@link #shardOfGuild}); with no guild known (a direct
   * message), one of this process's own shards, since this process made the request.
   */
  int shardOf(DiscordRequest<?> request);

  /** How many shards the bot has over all its processes ({@code discord.shards.total}). */
  int total();

  /** Discord's rule: a guild is on shard {@code (guild_id >> 22) % total}; direct messages on 0. */
  static int shardOfGuild(long guildId, int total) {
    return (int) ((guildId >>> 22) % total);
  }

  /** A single process running every shard of {@code total}, for tests and tools. */
  static ShardScope all(int total) {
    List<Integer> shards = java.util.stream.IntStream.range(0, total).boxed().toList();
    return new ShardScope() {
      @Override
      public List<Integer> shards() {
        return shards;
      }

      @Override
      public int shardOf(DiscordRequest<?> request) {
        return 0;
      }

      @Override
      public int total() {
        return total;
      }
    };
  }
}
