package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.errors.DiscordError;

/**
 * Discord's sub-limit on Modify Channel: a request that sets a channel's {@code name} or {@code
 * topic} also counts toward 2 per 10 minutes per channel ({@code
 * RateLimitPolicy.CHANNEL_NAME_TOPIC}); other changes (slowmode, overwrites...) do not.
 */
final class ChannelEditLimits {
  static final String MODIFY_CHANNEL = "PATCH /channels/{channel_id}";

  private ChannelEditLimits() {}

  static boolean changesNameOrTopic(String route, RestCall call) {
    if (!route.equals(MODIFY_CHANNEL)) {
      return false;
    }
    try {
      JsonNode body = call.body();
      return body.has("name") || body.has("topic");
    } catch (DiscordError malformed) {
      // The handler answers the malformed body; it changes nothing.
      return false;
    }
  }
}
