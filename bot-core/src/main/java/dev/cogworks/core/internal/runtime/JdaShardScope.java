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
 * to its guild, and Discord's rule gives the guild's shard. Requests whose guild this process no
 * longer sees go to shard 0, as direct messages do on Discord.
 */
final class JdaShardScope implements ShardScope {
  private final ShardManager shards;
  private final List<Integer> ids;

  JdaShardScope(ShardManager shards) {
    this.shards = shards;
    this.ids = shards.getShards().stream().map(jda -> jda.getShardInfo().getShardId()).toList();
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
      return 0;
    }
    return (int) ((guild.getIdLong() >> 22) % shards.getShardsTotal());
  }

  /** Whether every shard is connected (for health checks and start-up). */
  boolean allConnected() {
    return shards.getShards().stream().allMatch(jda -> jda.getStatus() == JDA.Status.CONNECTED);
  }
}
