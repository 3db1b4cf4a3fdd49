package dev.cogworks.api.messaging;

import java.time.Duration;
import java.util.List;

/**
 * Options of a send. {@link #DEFAULT}: no embeds, NORMAL priority, kept forever, pings nobody, a
 * generated nonce, and content over 2,000 characters split on line boundaries into several messages
 * (with {@code splitLongContent = false} it is refused instead — never cut silently).
 *
 * @param nonce a caller-chosen nonce for Discord's de-duplication; null generates one per message
 */
public record SendOptions(
    List<Embed> embeds,
    Priority priority,
    Duration deleteAfter,
    AllowedMentions allowedMentions,
    String nonce,
    boolean splitLongContent) {

  public static final SendOptions DEFAULT =
      new SendOptions(List.of(), Priority.NORMAL, null, AllowedMentions.NONE, null, true);

  public SendOptions {
    embeds = embeds == null ? List.of() : List.copyOf(embeds);
    priority = priority == null ? Priority.NORMAL : priority;
    allowedMentions = allowedMentions == null ? AllowedMentions.NONE : allowedMentions;
    if (deleteAfter != null && (deleteAfter.isNegative() || deleteAfter.isZero())) {
      throw new IllegalArgumentException("deleteAfter must be positive, was " + deleteAfter);
    }
  }

  public SendOptions withEmbeds(Embed... embeds) {
    return new SendOptions(
        List.of(embeds), priority, deleteAfter, allowedMentions, nonce, splitLongContent);
  }

  public SendOptions withPriority(Priority priority) {
    return new SendOptions(embeds, priority, deleteAfter, allowedMentions, nonce, splitLongContent);
  }

  public SendOptions deleteAfter(Duration after) {
    return new SendOptions(embeds, priority, after, allowedMentions, nonce, splitLongContent);
  }

  public SendOptions withAllowedMentions(AllowedMentions mentions) {
    return new SendOptions(embeds, priority, deleteAfter, mentions, nonce, splitLongContent);
  }

  public SendOptions withNonce(String nonce) {
    return new SendOptions(embeds, priority, deleteAfter, allowedMentions, nonce, splitLongContent);
  }

  /** Refuse content over 2,000 characters instead of splitting it. */
  public SendOptions rejectLongContent() {
    return new SendOptions(embeds, priority, deleteAfter, allowedMentions, nonce, false);
  }
}
