package dev.cogworks.music;

import dev.cogworks.api.messaging.ProgressMessage;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sticky now-playing message's view of the cog: live players, the setting, messages. */
final class StickyHost implements StickyQueue.Host {
  private static final Logger log = LoggerFactory.getLogger(StickyHost.class);

  private final MusicCog cog;
  private final Players players;

  StickyHost(MusicCog cog, Players players) {
    this.cog = cog;
    this.players = players;
  }

  @Override
  public GuildPlayer livePlayer(long guildId) {
    return players.get(guildId).orElse(null);
  }

  @Override
  public boolean stickyOn(long guildId) {
    return cog.setting(guildId, MusicSettings.STICKY_QUEUE);
  }

  @Override
  public CompletableFuture<ProgressMessage> send(long channelId, String content) {
    return cog.say(channelId, content).thenApply(sent -> cog.progress(channelId, sent.id()));
  }

  @Override
  public void delete(long channelId, long messageId) {
    cog.delete(channelId, messageId)
        .exceptionally(
            e -> {
              log.debug("Could not delete an old now-playing message {}", messageId, e);
              return null;
            });
  }
}
