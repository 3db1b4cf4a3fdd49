package dev.cogworks.sim.model;

import java.time.Instant;

/**
 * A user's voice state in a guild: the voice or stage channel they are in and their mute flags.
 * Immutable: a change replaces the state in {@link SimGuild#voiceStates}.
 *
 * @param sessionId the gateway session that joined, for a bot (Discord's {@code session_id}); a
 *     made-up one for a simulated person
 * @param suppress in a stage channel, an audience member (not a speaker)
 * @param requestToSpeak when an audience member asked to speak, or null
 */
public record SimVoiceState(
    long guildId,
    long userId,
    long channelId,
    String sessionId,
    boolean selfMute,
    boolean selfDeaf,
    boolean suppress,
    Instant requestToSpeak) {

  public SimVoiceState withSuppress(boolean suppress, Instant requestToSpeak) {
    return new SimVoiceState(
        guildId, userId, channelId, sessionId, selfMute, selfDeaf, suppress, requestToSpeak);
  }
}
