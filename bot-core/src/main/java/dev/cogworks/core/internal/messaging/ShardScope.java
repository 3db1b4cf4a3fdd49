package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import java.util.List;

/** The shards this process runs, and which shard a request's guild belongs to. */
public interface ShardScope {
  /** This process's shard ids. */
  List<Integer> shards();

  /** The shard of the request's guild ({@code (guild_id >> 22) % total}); 0 when unknown. */
  int shardOf(DiscordRequest<?> request);

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
    };
  }
}
