package dev.cogworks.sim.gateway;

/**
 * Where the gateway hands op 4 (Update Voice State) once it has read it: the world decides what it
 * means (join, move, leave) and answers with dispatches.
 */
@FunctionalInterface
public interface VoiceRequests {
  VoiceRequests IGNORE = (bot, session, guild, channel, mute, deaf) -> {};

  /** {@code channelId} null: leave voice in the guild. */
  void request(
      long botUserId,
      String gatewaySessionId,
      long guildId,
      Long channelId,
      boolean selfMute,
      boolean selfDeaf);
}
