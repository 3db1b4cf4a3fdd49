package dev.cogworks.markov;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

/**
 * The bot's JDA shards, learned from their READY events, for reading the cache in background work
 * (guilds, channels, permissions, members). Nothing here calls Discord.
 */
final class Shards extends ListenerAdapter {
  private final Set<JDA> shards = new CopyOnWriteArraySet<>();

  @Override
  public void onReady(ReadyEvent event) {
    shards.removeIf(jda -> jda.getStatus() == JDA.Status.SHUTDOWN);
    shards.add(event.getJDA());
  }

  /** A shard seen in a command or event (in case its READY came before this cog listened). */
  void seen(JDA jda) {
    shards.add(jda);
  }

  Optional<Guild> guild(long guildId) {
    for (JDA jda : shards) {
      Guild guild = jda.getGuildById(guildId);
      if (guild != null) {
        return Optional.of(guild);
      }
    }
    return Optional.empty();
  }

  Optional<GuildChannel> channel(long guildId, long channelId) {
    return guild(guildId).map(g -> g.getGuildChannelById(channelId));
  }

  /**
   * Whether a shard of this process serves {@code guildId} by Discord's rule ({@code (guild_id >>
   * 22) % total}), whether or not the bot is still in it: the guilds whose stored data this process
   * looks after when several processes share one database.
   */
  boolean serves(long guildId) {
    for (JDA jda : shards) {
      JDA.ShardInfo info = jda.getShardInfo();
      if ((guildId >>> 22) % info.getShardTotal() == info.getShardId()) {
        return true;
      }
    }
    return false;
  }

  /** Whether any shard is connected (so a missing guild means the bot is not in it). */
  boolean connected() {
    return shards.stream().anyMatch(jda -> jda.getStatus() == JDA.Status.CONNECTED);
  }
}
