package dev.cogworks.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/**
 * Which messages a bot reads with their content. Without MESSAGE_CONTENT, Discord blanks content,
 * embeds, attachments and components except in messages the bot wrote, messages that mention it and
 * DMs to it (the simulator has no DMs). On the gateway the intent identified decides; over REST the
 * application's portal switch does.
 */
public final class ContentVisibility {
  private ContentVisibility() {}

  public static Predicate<SimMessage> forBot(long botUserId, boolean messageContent) {
    if (messageContent) {
      return m -> true;
    }
    // Discord's exceptions: the bot's own messages, those mentioning it, and direct messages.
    return m -> m.author.id == botUserId || mentions(m, botUserId) || m.guildId == 0;
  }

  private static boolean mentions(SimMessage message, long userId) {
    if (message.mentions == null) {
      return false;
    }
    for (JsonNode mention : message.mentions) {
      if (mention.path("id").asText().equals(Long.toString(userId))) {
        return true;
      }
    }
    return false;
  }
}
