package dev.cogworks.sim.voice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import java.time.Instant;

/**
 * What the simulator heard on one voice connection, at one moment.
 *
 * @param packets RTP packets that decrypted, silence frames included
 * @param silenceFrames of those, Opus silence frames ({@code F8 FF FE})
 * @param lost sequence numbers skipped (and not seen late)
 * @param outOfOrder packets that arrived after a later one
 * @param duplicates packets whose sequence number was seen just before
 * @param timestampJumps packets whose timestamp did not advance 960 per sequence number (a pause:
 *     JDA's clock runs on while it has nothing to send)
 * @param decryptFailures RTP packets whose tag did not verify, counted and dropped
 * @param audioBeforeSpeaking packets that came before any SPEAKING (op 5) with a non-zero mode
 * @param speaking the last SPEAKING mode the client sent (0 silent, 1 microphone, ...)
 * @param decodedFrames frames decoded to measure the level
 * @param levelDbfs the level of the last ~200 ms decoded, dB relative to full scale
 * @param meanLevelDbfs the level over every frame decoded
 * @param jitterMs RFC 3550's interarrival jitter
 * @param maxGapMs the longest time between two packets
 * @param lastFrameAt when the last packet arrived, or null
 */
public record VoiceStats(
    long guildId,
    long userId,
    long channelId,
    int ssrc,
    String mode,
    int daveProtocolVersion,
    boolean connected,
    long packets,
    long bytes,
    long silenceFrames,
    long lost,
    long outOfOrder,
    long duplicates,
    long timestampJumps,
    long decryptFailures,
    long audioBeforeSpeaking,
    int speaking,
    long decodedFrames,
    double levelDbfs,
    double meanLevelDbfs,
    double jitterMs,
    double maxGapMs,
    Instant lastFrameAt) {

  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("guild_id", Long.toString(guildId));
    json.put("user_id", Long.toString(userId));
    json.put("channel_id", Long.toString(channelId));
    json.put("ssrc", ssrc);
    json.put("mode", mode);
    json.put("dave_protocol_version", daveProtocolVersion);
    json.put("connected", connected);
    json.put("packets", packets);
    json.put("bytes", bytes);
    json.put("silence_frames", silenceFrames);
    json.put("lost", lost);
    json.put("out_of_order", outOfOrder);
    json.put("duplicates", duplicates);
    json.put("timestamp_jumps", timestampJumps);
    json.put("decrypt_failures", decryptFailures);
    json.put("audio_before_speaking", audioBeforeSpeaking);
    json.put("speaking", speaking);
    json.put("decoded_frames", decodedFrames);
    json.put("level_dbfs", round(levelDbfs));
    json.put("mean_level_dbfs", round(meanLevelDbfs));
    json.put("jitter_ms", round(jitterMs));
    json.put("max_gap_ms", round(maxGapMs));
    json.put("last_frame_at", Json.timestamp(lastFrameAt));
    return json;
  }

  private static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : -200;
  }
}
