package dev.cogworks.core.internal.conversation.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.api.conversation.AssistantException;
import java.time.Duration;
import java.util.Optional;

/**
 * An error answer of the model server: the HTTP status and OpenAI's error object {@code {"error":
 * {"message", "type", "param", "code"}}} (openai-openapi's ErrorResponse; vLLM sends the same with
 * a numeric code, Ollama with a null code). Servers that answer otherwise (a proxy's HTML page,
 * FastAPI's {"detail": ...}) leave the fields empty and only the status counts.
 *
 * @param status the HTTP status; 200 for an error object in the middle of a stream
 * @param hasErrorObject whether the body held an error object at all (a 404 without one is a wrong
 *     URL rather than a missing model)
 */
record ApiError(
    int status,
    boolean hasErrorObject,
    Optional<String> message,
    Optional<String> type,
    Optional<String> code) {

  /** Reads {@code body}, whatever it holds. */
  static ApiError parse(int status, String body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      root = null;
    }
    return of(status, root);
  }

  /** The error object of {@code root}, if it has one ({@code "error"} as an object or a string). */
  static ApiError of(int status, JsonNode root) {
    JsonNode error = root == null ? null : root.get("error");
    if (error != null && error.isObject()) {
      return new ApiError(
          status,
          true,
          Json.text(error, "message"),
          Json.scalar(error, "type"),
          Json.scalar(error, "code"));
    }
    if (error != null && error.isTextual()) {
      return new ApiError(
          status, true, Optional.of(error.asText()), Optional.empty(), Optional.empty());
    }
    return new ApiError(status, false, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private boolean is(String what) {
    return code.filter(what::equals).isPresent() || type.filter(what::equals).isPresent();
  }

  /**
   * What the person is told. Misconfiguration (a refused key, a wrong URL) is named as such without
   * details, which are for the log; a 400's own message is shown, as it usually says what about the
   * request the model cannot take.
   *
   * @param retryAfter when a 429 or 503 said to come back
   * @param redactor removes the API key from anything the server echoes
   */
  AssistantException toException(String model, Optional<Duration> retryAfter, Redactor redactor) {
    if (status == 401 || status == 403) {
      return new AssistantException(
          "The assistant is misconfigured (the model server refused its credentials);"
              + " please tell the bot's owners.");
    }
    if (status == 404) {
      return new AssistantException(
          hasErrorObject
              ? "The assistant's model `"
                  + model
                  + "` is not available on the model server;"
                  + " please tell the bot's owners."
              : "The assistant is misconfigured (its model server has no chat endpoint at the"
                  + " configured address); please tell the bot's owners.");
    }
    if (status == 429 && (is("insufficient_quota") || is("billing_hard_limit_reached"))) {
      return new AssistantException(
          "The assistant's account with its model server has run out of quota;"
              + " please tell the bot's owners.");
    }
    if (status == 429 || (status == 503 && retryAfter.isPresent())) {
      String busy = status == 429 ? "The model server is busy" : "The model server is unavailable";
      return new AssistantException(
          retryAfter
              .map(wait -> busy + "; try again in " + RetryAfter.words(wait) + ".")
              .orElse(busy + "; try again in a little while."),
          retryAfter.orElse(null),
          null);
    }
    if (is("context_length_exceeded")) {
      return new AssistantException(
          "This conversation is too long for the assistant's model; start a shorter one.");
    }
    if (status == 400 || status == 422) {
      return new AssistantException(
          "The model server refused the question"
              + message.map(m -> ": " + shortened(redactor.redact(m))).orElse("."));
    }
    if (status == 200) {
      return new AssistantException(
          "The model server failed in the middle of the answer; try again later.");
    }
    if (status >= 500) {
      return new AssistantException(
          "The model server had an internal error (HTTP " + status + "); try again later.");
    }
    return new AssistantException(
        "The model server refused the question (HTTP " + status + "); try again later.");
  }

  /** For the log: status, type, code and message, the key removed. */
  String describe(Redactor redactor) {
    return (status == 200 ? "an error event in the stream" : "HTTP " + status)
        + type.map(t -> ", type " + t).orElse("")
        + code.map(c -> ", code " + c).orElse("")
        + message
            .map(m -> ": " + redactor.redact(m))
            .orElse(hasErrorObject ? "" : " (no error object)");
  }

  private static String shortened(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    String cut = oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 297) + "...";
    return cut.endsWith(".") ? cut : cut + ".";
  }
}
