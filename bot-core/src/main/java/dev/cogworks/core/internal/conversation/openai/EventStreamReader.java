package dev.cogworks.core.internal.conversation.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.util.function.Function;

/**
 * Reads a streamed chat completion: server-sent events whose {@code data:} is a {@code
 * chat.completion.chunk}, ended by {@code data: [DONE]} (OpenAI's reference; Ollama's
 * middleware/openai.go and vLLM's chat serving write the same). Comments ({@code : keep-alive}),
 * other fields and empty lines are skipped. An event whose data holds an {@code error} object is
 * the server failing mid-answer, as openai-python's Stream and vLLM's streaming error response
 * treat it.
 *
 * <p>Lines are fed one by one; the caller ends with {@link #end()} when the body ends.
 */
final class EventStreamReader {
  private final AnswerBuilder answer;
  private final Function<ApiError, AnswerFailure> onError;
  private final StringBuilder data = new StringBuilder();
  private boolean done;

  /**
   * @param onError what an error event becomes
   */
  EventStreamReader(AnswerBuilder answer, Function<ApiError, AnswerFailure> onError) {
    this.answer = answer;
    this.onError = onError;
  }

  /** Whether {@code [DONE]} came: nothing after it is read. */
  boolean done() {
    return done;
  }

  void line(String line) throws AnswerFailure {
    if (done) {
      return;
    }
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.startsWith(":")) {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    if (!field.equals("data")) {
      return; // event:, id:, retry: mean nothing for chat completions.
    }
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if (value.strip().equals("[DONE]")) {
      dispatch();
      done = true;
      return;
    }
    if (!data.isEmpty()) {
      data.append('\n');
    }
    data.append(value);
  }

  /**
   * The body ended. Without {@code [DONE]} the answer is accepted only if a chunk already said why
   * the model stopped (some compatible servers end there); otherwise the connection broke off.
   */
  void end() throws AnswerFailure {
    dispatch();
    if (!done && !answer.finished()) {
      throw AnswerFailure.brokeOff(
          "the stream ended before [DONE] and before a finish_reason", null);
    }
  }

  /**
   * One event's data: normally one JSON object; several when a server leaves out the blank line
   * between events, which we forgive.
   */
  private void dispatch() throws AnswerFailure {
    if (data.isEmpty()) {
      return;
    }
    String text = data.toString();
    data.setLength(0);
    try (MappingIterator<JsonNode> values =
        Json.MAPPER.readerFor(JsonNode.class).readValues(text)) {
      while (values.hasNextValue()) {
        chunk(values.nextValue(), text);
      }
    } catch (JsonProcessingException e) {
      throw AnswerFailure.unreadable("a stream event is not JSON: " + excerpt(text));
    } catch (IOException e) {
      throw AnswerFailure.unreadable("a stream event cannot be read: " + excerpt(text));
    }
  }

  private void chunk(JsonNode chunk, String text) throws AnswerFailure {
    if (!chunk.isObject()) {
      throw AnswerFailure.unreadable("a stream event is not a JSON object: " + excerpt(text));
    }
    if (chunk.hasNonNull("error")) {
      throw onError.apply(ApiError.of(200, chunk));
    }
    // A chunk without choices is allowed: the usage chunk of stream_options.include_usage.
    Json.firstChoice(chunk).ifPresent(answer::delta);
  }

  static String excerpt(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }
}
