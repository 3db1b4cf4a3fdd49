package dev.cogworks.core.internal.runtime;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.core.internal.messaging.ShardScope;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * The shards of this process, from JDA. A request's route key is a channel or a guild; either leads
 * to its guild, and Discord's rule gives the guild's shard. A request with no guild this process
 * sees (a direct message, a channel deleted since) was made here, by a cog serving this process's
 * guilds: it stays with this process's first shard, so that this process, and no other, takes it
 * back after a restart or lists it as a dead letter. (Shard 0, Discord's rule for direct messages,
 * would hand a process without shard 0 the requests of the one that has it, and lose its own DMs
 * until that other process restarted.)
 */
final class JdaShardScope implements ShardScope {
  private final ShardManager shards;
  private final List<Integer> ids;

  JdaShardScope(ShardManager shards) {
    this.shards = shards;
    this.ids =
        shards.getShards().stream().map(jda -> jda.getShardInfo().getShardId()).sorted().toList();
  }

  @Override
  public List<Integer> shards() {
    return ids;
  }

  @Override
  public int shardOf(DiscordRequest<?> request) {
    long key = request.routeKey();
    Guild guild = shards.getGuildById(key);
    if (guild == null) {
      GuildChannel channel = shards.getGuildChannelById(key);
      guild = channel == null ? null : channel.getGuild();
    }
    if (guild == null) {
      return ids.isEmpty() ? 0 : ids.get(0);
    }
    return ShardScope.shardOfGuild(guild.getIdLong(), shards.getShardsTotal());
  }

  @Override
  public int total() {
    return shards.getShardsTotal();
  }

  /** Whether every shard is connected (for health checks and start-up). */
  boolean allConnected() {
    return shards.getShards().stream().allMatch(jda -> jda.getStatus() == JDA.Status.CONNECTED);
  }
}
