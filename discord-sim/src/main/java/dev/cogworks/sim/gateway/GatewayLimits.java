package dev.cogworks.sim.gateway;

import java.time.Duration;

/**
 * The gateway's limits that tests may change. Discord documents the session start budget (1,000
 * IDENTIFYs a day, {@code max_concurrency} 1 for most bots) but not how late a heartbeat may be, so
 * the slack is the simulator's choice.
 *
 * @param heartbeatSlack how long past {@code heartbeat_interval} a connection may stay silent
 *     before it is closed with 4009; the simulator's choice is 10 s (a quarter of Discord's 41.25 s
 *     interval), generous enough that a busy test machine never trips it by accident
 * @param sessionStartTotal IDENTIFYs allowed per 24 hours per application; Discord: 1,000
 * @param maxConcurrency IDENTIFYs allowed per {@code identifySpacing}, one per bucket {@code
 *     shard_id % max_concurrency}; Discord: 1 unless the bot is large
 * @param identifySpacing the time between two IDENTIFYs of one bucket; Discord: 5 s. The test kit
 *     shortens it for tests about other things, where a bot and its workers (one application) would
 *     otherwise start 5 s apart each
 */
public record GatewayLimits(
    Duration heartbeatSlack, int sessionStartTotal, int maxConcurrency, Duration identifySpacing) {
  public GatewayLimits(Duration heartbeatSlack, int sessionStartTotal, int maxConcurrency) {
    this(heartbeatSlack, sessionStartTotal, maxConcurrency, Duration.ofSeconds(5));
  }

  public GatewayLimits {
    if (identifySpacing.isNegative()) {
      throw new IllegalArgumentException(
          "identifySpacing must not be negative: " + identifySpacing);
    }
    if (heartbeatSlack.isNegative()) {
      throw new IllegalArgumentException("heartbeatSlack must not be negative: " + heartbeatSlack);
    }
    if (sessionStartTotal < 1 || maxConcurrency < 1) {
      throw new IllegalArgumentException(
          "sessionStartTotal and maxConcurrency must be at least 1: "
              + sessionStartTotal
              + ", "
              + maxConcurrency);
    }
  }

  public static GatewayLimits discordDefaults() {
    return new GatewayLimits(Duration.ofSeconds(10), 1000, 1);
  }
}
