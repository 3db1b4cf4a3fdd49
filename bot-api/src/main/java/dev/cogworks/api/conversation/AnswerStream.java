package dev.cogworks.api.conversation;

/** Where an {@link Assistant} hands the pieces of an answer as it produces them. */
@FunctionalInterface
public interface AnswerStream {
  /** Discards every piece: for callers that only want the final answer. */
  AnswerStream IGNORED = piece -> {};

  /** The next piece of the answer, appended to what came before. Never blocks for long. */
  void append(String piece);
}
