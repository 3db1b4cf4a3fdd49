package dev.cogworks.api.messaging;

import java.time.Duration;
import java.util.List;

/**
 * Options of a send. {@link #DEFAULT}: no embeds or components, NORMAL priority, kept forever,
 * pings nobody, a generated nonce, not a reply, and content over 2,000 characters split on line
 * boundaries into several messages ({@link LongContent#REJECT} refuses it instead — never cut
 * silently).
 *
 * @param nonce a caller-chosen nonce for Discord's de-duplication; null generates one per message
 * @param replyTo the message this one answers (Discord's message reference), or null; the author of
 *     that message is not pinged unless {@code allowedMentions} names them
 */
public record SendOptions(
    List<Embed> embeds,
    List<ActionRow> components,
    Priority priority,
    Duration deleteAfter,
    AllowedMentions allowedMentions,
    String nonce,
    Long replyTo,
    LongContent longContent) {

  /** What a send does with content over Discord's 2,000 characters. */
  public enum LongContent {
    /** Several messages, split on line boundaries where possible. */
    SPLIT,
    /** Refused with Discord's 400 / 50035, nothing sent. */
    REJECT
  }

  public static final SendOptions DEFAULT =
      new SendOptions(
          List.of(),
          List.of(),
          Priority.NORMAL,
          null,
          AllowedMentions.NONE,
          null,
          null,
          LongContent.SPLIT);

  public SendOptions {
    embeds = embeds == null ? List.of() : List.copyOf(embeds);
    components = components == null ? List.of() : ActionRow.checked(components);
    priority = priority == null ? Priority.NORMAL : priority;
    allowedMentions = allowedMentions == null ? AllowedMentions.NONE : allowedMentions;
    longContent = longContent == null ? LongContent.SPLIT : longContent;
    if (deleteAfter != null && (deleteAfter.isNegative() || deleteAfter.isZero())) {
      throw new IllegalArgumentException("deleteAfter must be positive, was " + deleteAfter);
    }
  }

  public SendOptions withEmbeds(Embed... embeds) {
    return new SendOptions(
        List.of(embeds),
        components,
        priority,
        deleteAfter,
        allowedMentions,
        nonce,
        replyTo,
        longContent);
  }

  public SendOptions withComponents(ActionRow... rows) {
    return new SendOptions(
        embeds, List.of(rows), priority, deleteAfter, allowedMentions, nonce, replyTo, longContent);
  }

  public SendOptions withPriority(Priority priority) {
    return new SendOptions(
        embeds, components, priority, deleteAfter, allowedMentions, nonce, replyTo, longContent);
  }

  public SendOptions deleteAfter(Duration after) {
    return new SendOptions(
        embeds, components, priority, after, allowedMentions, nonce, replyTo, longContent);
  }

  public SendOptions withAllowedMentions(AllowedMentions mentions) {
    return new SendOptions(
        embeds, components, priority, deleteAfter, mentions, nonce, replyTo, longContent);
  }

  public SendOptions withNonce(String nonce) {
    return new SendOptions(
        embeds, components, priority, deleteAfter, allowedMentions, nonce, replyTo, longContent);
  }

  /** A reply to {@code messageId}: shown under it, without pinging its author. */
  public SendOptions replyingTo(long messageId) {
    return new SendOptions(
        embeds, components, priority, deleteAfter, allowedMentions, nonce, messageId, longContent);
  }

  /** Refuse content over 2,000 characters instead of splitting it. */
  public SendOptions rejectLongContent() {
    return new SendOptions(
        embeds,
        components,
        priority,
        deleteAfter,
        allowedMentions,
        nonce,
        replyTo,
        LongContent.REJECT);
  }
}
