package dev.cogworks.sim;

import dev.cogworks.sim.gateway.GatewayLimits;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import java.time.Clock;
import java.time.Duration;

/**
 * How a simulator instance behaves. The defaults are Discord's; tests tighten what they need (a
 * short heartbeat to see zombie detection quickly, a scaled rate-limit table, a fixed port).
 *
 * @param host the address to bind; the simulator is for loopback use
 * @param port the port, 0 for any free one
 * @param rateLimits every rate limit enforced
 * @param heartbeatInterval sent in HELLO; Discord uses 41.25 s
 * @param interactionAckWindow how long an interaction may wait for its callback; Discord: 3 s
 * @param clock the time source for limits, nonces and windows
 * @param cloudflareBan how long every request is refused once the invalid-request ceiling is
 *     reached; Discord does not publish it, bots report about an hour
 * @param gatewayLimits heartbeat slack and the session start budget ({@link GatewayLimits})
 */
public record SimOptions(
    String host,
    int port,
    RateLimitPolicy rateLimits,
    Duration heartbeatInterval,
    Duration interactionAckWindow,
    Clock clock,
    Duration cloudflareBan,
    GatewayLimits gatewayLimits) {

  public static SimOptions defaults() {
    return new SimOptions(
        "127.0.0.1",
        0,
        RateLimitPolicy.discordDefaults(),
        Duration.ofMillis(41_250),
        Duration.ofSeconds(3),
        Clock.systemUTC(),
        Duration.ofHours(1),
        GatewayLimits.discordDefaults());
  }

  public SimOptions withPort(int port) {
    return new SimOptions(
        host,
        port,
        rateLimits,
        heartbeatInterval,
        interactionAckWindow,
        clock,
        cloudflareBan,
        gatewayLimits);
  }

  public SimOptions withRateLimits(RateLimitPolicy rateLimits) {
    return new SimOptions(
        host,
        port,
        rateLimits,
        heartbeatInterval,
        interactionAckWindow,
        clock,
        cloudflareBan,
        gatewayLimits);
  }

  public SimOptions withHeartbeatInterval(Duration heartbeatInterval) {
    return new SimOptions(
        host,
        port,
        rateLimits,
        heartbeatInterval,
        interactionAckWindow,
        clock,
        cloudflareBan,
        gatewayLimits);
  }

  public SimOptions withInteractionAckWindow(Duration window) {
    return new SimOptions(
        host, port, rateLimits, heartbeatInterval, window, clock, cloudflareBan, gatewayLimits);
  }

  /** A clock tests can move, to reach a window's end without waiting for it. */
  public SimOptions withClock(Clock clock) {
    return new SimOptions(
        host,
        port,
        rateLimits,
        heartbeatInterval,
        interactionAckWindow,
        clock,
        cloudflareBan,
        gatewayLimits);
  }

  /** How long the Cloudflare ban lasts once 10,000 invalid requests were made in 10 minutes. */
  public SimOptions withCloudflareBan(Duration ban) {
    return new SimOptions(
        host, port, rateLimits, heartbeatInterval, interactionAckWindow, clock, ban, gatewayLimits);
  }

  /** How long past the heartbeat interval a silent connection lives; the default is 10 s. */
  public SimOptions withHeartbeatSlack(Duration slack) {
    return withGatewayLimits(
        new GatewayLimits(
            slack,
            gatewayLimits.sessionStartTotal(),
            gatewayLimits.maxConcurrency(),
            gatewayLimits.identifySpacing()));
  }

  /** The session start budget {@code GET /gateway/bot} reports and IDENTIFY spends. */
  public SimOptions withSessionStartLimit(int total, int maxConcurrency) {
    return withGatewayLimits(
        new GatewayLimits(
            gatewayLimits.heartbeatSlack(),
            total,
            maxConcurrency,
            gatewayLimits.identifySpacing()));
  }

  /** The time between two IDENTIFYs of one bucket; Discord's is 5 s. */
  public SimOptions withIdentifySpacing(Duration spacing) {
    return withGatewayLimits(
        new GatewayLimits(
            gatewayLimits.heartbeatSlack(),
            gatewayLimits.sessionStartTotal(),
            gatewayLimits.maxConcurrency(),
            spacing));
  }

  public SimOptions withGatewayLimits(GatewayLimits limits) {
    return new SimOptions(
        host,
        port,
        rateLimits,
        heartbeatInterval,
        interactionAckWindow,
        clock,
        cloudflareBan,
        limits);
  }
}
