package dev.cogworks.sim.voice;

/**
 * What one VOICE_SERVER_UPDATE promised: the voice gateway admits an IDENTIFY that names this
 * guild, user, gateway session and token. A newer ticket for the same guild and user (a move, a
 * server change) replaces it. Stage channels ({@code stage}) are exempt from DAVE, as on Discord.
 */
record VoiceTicket(
    long guildId, long userId, long channelId, boolean stage, String sessionId, String token) {}
