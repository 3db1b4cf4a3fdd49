package dev.cogworks.music;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves where the bot has been alone, or played nothing, for {@code music.idle_timeout}; run every
 * few seconds by the cog's timer.
 */
final class IdleSweep implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(IdleSweep.class);

  private final MusicCog cog;
  private final Players players;
  private final long timeoutMillis;

  IdleSweep(MusicCog cog, Players players, long timeoutMillis) {
    this.cog = cog;
    this.players = players;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void run() {
    long now = System.currentTimeMillis();
    for (GuildPlayer player : players.all()) {
      try {
        boolean idle = !player.playing() || cog.listeners(player).isEmpty();
        if (!idle) {
          player.idleSince(0);
        } else if (player.idleSince() == 0) {
          player.idleSince(now);
        } else if (now - player.idleSince() >= timeoutMillis) {
          boolean alone = cog.listeners(player).isEmpty();
          cog.shutDown(player.guildId);
          cog.say(
              player.textChannelId(),
              "👋 Left the voice channel after "
                  + Times.format(timeoutMillis)
                  + (alone ? " alone." : " with nothing to play."));
        }
      } catch (RuntimeException e) {
        log.warn("Idle check failed for guild {}", player.guildId, e);
      }
    }
  }
}
