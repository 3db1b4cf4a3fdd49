package dev.cogworks.core.internal.conversation.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.api.conversation.AnswerStream;
import dev.cogworks.api.conversation.AssistantException;

/**
 * Gathers one answer from a whole completion ({@code choices[0].message}) or from stream chunks
 * ({@code choices[0].delta}), and decides at the end what the person is told: the text, the text
 * with a note when it was cut at the length limit, or why there is none (a refusal, the content
 * filter, nothing at all). The shapes are OpenAI's ChatCompletionResponseMessage and
 * ChatCompletionStreamResponseDelta (openai-openapi); content and refusal may each be absent or
 * null.
 */
final class AnswerBuilder {
  static final String LENGTH_NOTE = "\n\n*(The answer was cut off at the length limit.)*";

  private final StringBuilder content = new StringBuilder();
  private final StringBuilder refusal = new StringBuilder();
  private final AnswerStream stream;
  private String finishReason;

  AnswerBuilder(AnswerStream stream) {
    this.stream = stream;
  }

  /** A whole completion's first choice. */
  void message(JsonNode choice) {
    JsonNode message = choice.get("message");
    if (message != null) {
      Json.text(message, "content").ifPresent(this::append);
      Json.text(message, "refusal").ifPresent(refusal::append);
    }
    finish(choice);
  }

  /** One stream chunk's first choice; its content goes to the stream at once. */
  void delta(JsonNode choice) {
    JsonNode delta = choice.get("delta");
    if (delta != null) {
      Json.text(delta, "content").ifPresent(this::append);
      Json.text(delta, "refusal").ifPresent(refusal::append);
    }
    finish(choice);
  }

  /** Whether a chunk said why the model stopped (the stream's last choice chunk). */
  boolean finished() {
    return finishReason != null;
  }

  /**
   * The answer to keep; every piece of it has been handed to the stream, the length note too.
   *
   * @throws AssistantException when the model refused, was filtered, or said nothing
   */
  String result() throws AssistantException {
    if (!refusal.isEmpty()) {
      throw new AssistantException(
          "The assistant declined to answer: " + refusal.toString().strip());
    }
    if ("content_filter".equals(finishReason)) {
      throw new AssistantException(
          "The model server's content filter stopped this answer; try asking differently.");
    }
    if (content.toString().isBlank()) {
      throw new AssistantException("The assistant gave an empty answer; try asking differently.");
    }
    if ("length".equals(finishReason)) {
      append(LENGTH_NOTE);
    }
    return content.toString();
  }

  private void append(String piece) {
    if (!piece.isEmpty()) {
      content.append(piece);
      stream.append(piece);
    }
  }

  private void finish(JsonNode choice) {
    Json.text(choice, "finish_reason").ifPresent(reason -> finishReason = reason);
  }
}
