package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.errors.FormErrors;
import dev.cogworks.sim.model.SimMessage;
import java.util.HashSet;
import java.util.Set;

/** Discord's limits on a message body, answered with its error codes and messages. */
public final class MessageValidator {
  public static final int MAX_CONTENT = 2000;
  public static final int MAX_EMBEDS = 10;
  public static final int MAX_EMBED_TOTAL = 6000;
  public static final int MAX_NONCE = 25;
  private static final int MAX_ALLOWED_IDS = 100;

  /**
   * Flags a bot may set on a channel message: SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS,
   * IS_VOICE_MESSAGE, IS_COMPONENTS_V2. Discord drops any other bit it is sent.
   */
  public static final int CHANNEL_FLAGS = (1 << 2) | (1 << 12) | (1 << 13) | (1 << 15);

  /** Interaction responses and follow-ups may also be EPHEMERAL. */
  public static final int INTERACTION_FLAGS = CHANNEL_FLAGS | SimMessage.EPHEMERAL;

  private MessageValidator() {}

  /** The body with only the {@code settable} bits of its flags, as Discord keeps them. */
  public static JsonNode settableFlags(JsonNode body, int settable) {
    if (!body.has("flags")) {
      return body;
    }
    ObjectNode copy = body.deepCopy();
    copy.put("flags", body.path("flags").asInt(0) & settable);
    return copy;
  }

  /** Checks a message create or edit body; {@code creating} also forbids an empty message. */
  public static void validate(JsonNode body, boolean creating) {
    FormErrors errors = new FormErrors();
    JsonNode content = body.get("content");
    if (content != null && !content.isNull() && content.asText().length() > MAX_CONTENT) {
      errors.maxLength("content", MAX_CONTENT);
    }
    JsonNode embeds = body.get("embeds");
    if (embeds != null && embeds.isArray()) {
      validateEmbeds(embeds, errors);
    }
    JsonNode nonce = body.get("nonce");
    if (nonce != null && nonce.isTextual() && nonce.asText().length() > MAX_NONCE) {
      errors.maxLength("nonce", MAX_NONCE);
    }
    validateAllowedMentions(body.get("allowed_mentions"), errors);
    errors.throwIfAny();
    if (creating && isEmpty(body)) {
      throw DiscordError.emptyMessage();
    }
  }

  /**
   * Discord refuses {@code parse} naming a type together with a list of that type ("parse:
   * [\"users\"] and users: [ids...] are mutually exclusive") and lists over 100 ids.
   */
  private static void validateAllowedMentions(JsonNode allowed, FormErrors errors) {
    if (allowed == null || !allowed.isObject()) {
      return;
    }
    Set<String> parse = new HashSet<>();
    allowed.path("parse").forEach(p -> parse.add(p.asText()));
    for (String type : new String[] {"users", "roles"}) {
      JsonNode ids = allowed.path(type);
      if (parse.contains(type) && ids.size() > 0) {
        errors.add(
            "allowed_mentions",
            "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
            "parse:[\"" + type + "\"] and " + type + ": [ids...] are mutually exclusive.");
      }
      if (ids.size() > MAX_ALLOWED_IDS) {
        errors.maxLength("allowed_mentions." + type, MAX_ALLOWED_IDS);
      }
    }
  }

  private static void validateEmbeds(JsonNode embeds, FormErrors errors) {
    if (embeds.size() > MAX_EMBEDS) {
      errors.maxLength("embeds", MAX_EMBEDS);
      return;
    }
    int total = 0;
    for (int i = 0; i < embeds.size(); i++) {
      JsonNode embed = embeds.get(i);
      String at = "embeds." + i + ".";
      total += check(embed, "title", 256, at + "title", errors);
      total += check(embed, "description", 4096, at + "description", errors);
      JsonNode footer = embed.path("footer");
      total += check(footer, "text", 2048, at + "footer.text", errors);
      JsonNode author = embed.path("author");
      total += check(author, "name", 256, at + "author.name", errors);
      JsonNode fields = embed.path("fields");
      if (fields.size() > 25) {
        errors.maxLength(at + "fields", 25);
      }
      for (int f = 0; f < fields.size(); f++) {
        total += check(fields.get(f), "name", 256, at + "fields." + f + ".name", errors);
        total += check(fields.get(f), "value", 1024, at + "fields." + f + ".value", errors);
      }
    }
    if (total > MAX_EMBED_TOTAL) {
      errors.add(
          "embeds",
          "MAX_EMBED_SIZE_EXCEEDED",
          "Embed size exceeds maximum size of " + MAX_EMBED_TOTAL);
    }
  }

  private static int check(JsonNode parent, String field, int max, String path, FormErrors errors) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    int length = value.asText().length();
    if (length > max) {
      errors.maxLength(path, max);
    }
    return length;
  }

  private static boolean isEmpty(JsonNode body) {
    boolean noContent = body.path("content").asText("").isBlank();
    boolean noEmbeds = body.path("embeds").size() == 0;
    boolean noComponents = body.path("components").size() == 0;
    boolean noAttachments = body.path("attachments").size() == 0;
    boolean noStickers = body.path("sticker_ids").size() == 0;
    boolean noPoll = !body.has("poll") || body.get("poll").isNull();
    return noContent && noEmbeds && noComponents && noAttachments && noStickers && noPoll;
  }
}
