package dev.cogworks.music;

import dev.cogworks.api.voice.VoiceException;
import dev.cogworks.api.voice.VoiceListener;

/**
 * Follows the bot's voice connections: moved by someone, the player plays on in the new channel;
 * disconnected (kicked, channel deleted, DAVE refused), the queue is cleared and the channel told
 * why.
 */
final class VoiceWatch implements VoiceListener {
  private final MusicCog cog;
  private final Players players;
  private final StickyQueue sticky;
  private final StateWriter state;

  VoiceWatch(MusicCog cog, Players players, StickyQueue sticky, StateWriter state) {
    this.cog = cog;
    this.players = players;
    this.sticky = sticky;
    this.state = state;
  }

  @Override
  public void disconnected(long guildId, VoiceException.Reason reason) {
    if (state.unloading() || reason == VoiceException.Reason.LEFT) {
      return;
    }
    players
        .remove(guildId)
        .ifPresent(
            player -> {
              player.destroy();
              sticky.forget(guildId);
              state.forget(guildId);
              cog.say(player.textChannelId(), "⏏ " + why(reason));
            });
  }

  private static String why(VoiceException.Reason reason) {
    return switch (reason) {
      case DAVE_REQUIRED ->
          "Discord refused my voice connection: it requires end-to-end encryption (DAVE),"
              + " which this bot does not have. I stopped trying; stage channels still work.";
      case KICKED -> "I was disconnected from the voice channel, so I cleared the queue.";
      case CHANNEL_DELETED -> "The voice channel was deleted, so I cleared the queue.";
      case MISSING_PERMISSION -> "I lost my permission in the voice channel; queue cleared.";
      default -> "The voice connection was lost; queue cleared.";
    };
  }

  @Override
  public void moved(long guildId, long channelId) {
    players.get(guildId).ifPresent(p -> p.voiceChannelId(channelId));
  }
}
