package dev.cogworks.core.internal.conversation;

import dev.cogworks.api.conversation.AnswerStream;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.messaging.ProgressMessage;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.core.internal.messaging.ContentSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Shows an answer as it grows: in the request's status message, and past Discord's 2,000 characters
 * in follow-up messages (each split where {@link ContentSplitter} would split the whole answer, so
 * a part never changes once the next one began). Every edit goes through a {@link ProgressMessage}:
 * the newest text wins and a fast stream costs a handful of edits. Messages are sent pinging no
 * one, whatever the assistant wrote.
 */
final class AnswerWriter implements AnswerStream {
  private final MessagingQueue messaging;
  private final long channelId;
  private final List<ProgressMessage> parts = new ArrayList<>();
  private final List<String> shown = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  /** Completes when the message being created for the next part exists. */
  private CompletableFuture<Void> creating = CompletableFuture.completedFuture(null);

  private boolean creatingPart;
  private boolean finished;

  AnswerWriter(MessagingQueue messaging, long channelId, ProgressMessage first) {
    this.messaging = messaging;
    this.channelId = channelId;
    if (first != null) {
      parts.add(first);
      shown.add(null);
    }
  }

  @Override
  public synchronized void append(String piece) {
    if (finished || piece == null || piece.isEmpty()) {
      return;
    }
    text.append(piece);
    render(ContentSplitter.split(text.toString(), ContentSplitter.LIMIT));
  }

  /** Shows the parts of the text so far; creates the next message when a part has none yet. */
  private void render(List<String> split) {
    for (int i = 0; i < split.size(); i++) {
      String part = split.get(i).isEmpty() ? "…" : split.get(i);
      if (i < parts.size()) {
        if (!part.equals(shown.get(i))) {
          shown.set(i, part);
          parts.get(i).update(part);
        }
      } else if (!creatingPart) {
        creatingPart = true;
        creating =
            messaging
                .submit(new DiscordRequest.SendMessage(channelId, part, SendOptions.DEFAULT))
                .thenAccept(
                    sent -> {
                      synchronized (this) {
                        parts.add(ProgressMessage.of(messaging, channelId, sent.ids().get(0)));
                        shown.add(part);
                        creatingPart = false;
                        if (!finished) {
                          render(ContentSplitter.split(text.toString(), ContentSplitter.LIMIT));
                        }
                      }
                    });
        return;
      } else {
        return;
      }
    }
  }

  /**
   * Shows {@code answer} as the final text (what the assistant returned, which may differ from what
   * it streamed): each part's edit lands, missing parts are sent, and parts no longer needed are
   * deleted. Completes when all of it is on Discord.
   */
  CompletableFuture<Void> finish(String answer) {
    CompletableFuture<Void> pending;
    synchronized (this) {
      finished = true;
      pending = creating;
    }
    return pending
        .handle((ignored, failure) -> null)
        .thenCompose(ignored -> finishParts(answer.isBlank() ? Texts.EMPTY_ANSWER : answer));
  }

  private CompletableFuture<Void> finishParts(String answer) {
    List<String> split = ContentSplitter.split(answer, ContentSplitter.LIMIT);
    List<ProgressMessage> existing;
    synchronized (this) {
      existing = List.copyOf(parts);
    }
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < existing.size(); i++) {
      if (i < split.size()) {
        all.add(existing.get(i).finish(split.get(i)));
      } else {
        ProgressMessage unused = existing.get(i);
        all.add(
            unused
                .finish("…")
                .thenCompose(
                    done ->
                        messaging.submit(
                            new DiscordRequest.DeleteMessage(
                                channelId, unused.messageId(), null))));
      }
    }
    CompletableFuture<?> rest = CompletableFuture.completedFuture(null);
    for (int i = existing.size(); i < split.size(); i++) {
      String part = split.get(i);
      // One after another, so the parts read in order.
      rest =
          rest.thenCompose(
              ignored ->
                  messaging.submit(
                      new DiscordRequest.SendMessage(channelId, part, SendOptions.DEFAULT)));
    }
    all.add(rest);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }
}
