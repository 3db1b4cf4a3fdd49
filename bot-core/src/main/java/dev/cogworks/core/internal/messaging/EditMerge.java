package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest.EditMessage;

/**
 * Two edits of one message as one: what the newer one sets wins, what it leaves alone (null) keeps
 * the older one's value, and the merged edit keeps the older one's place and priority. Used by
 * every queue that merges waiting edits (in-process and the external gateway's engines).
 */
public final class EditMerge {
  private EditMerge() {}

  /** Whether {@code a} and {@code b} edit the same message. */
  public static boolean sameMessage(EditMessage a, EditMessage b) {
    return a.channelId() == b.channelId() && a.messageId() == b.messageId();
  }

  /** A key naming the message an edit changes. */
  public static String key(EditMessage edit) {
    return edit.channelId() + ":" + edit.messageId();
  }

  public static EditMessage merge(EditMessage older, EditMessage newer) {
    return new EditMessage(
        older.channelId(),
        older.messageId(),
        newer.content() != null ? newer.content() : older.content(),
        newer.embeds() != null ? newer.embeds() : older.embeds(),
        newer.components() != null ? newer.components() : older.components(),
        older.priority());
  }
}
