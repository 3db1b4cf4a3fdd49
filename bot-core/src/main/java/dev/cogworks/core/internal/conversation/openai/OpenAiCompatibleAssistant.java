package dev.cogworks.core.internal.conversation.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.api.conversation.AnswerStream;
import dev.cogworks.api.conversation.Assistant;
import dev.cogworks.api.conversation.AssistantException;
import dev.cogworks.api.conversation.AssistantRequest;
import dev.cogworks.core.internal.conversation.openai.ResponseLines.End;
import dev.cogworks.core.internal.conversation.openai.ResponseLines.Event;
import dev.cogworks.core.internal.conversation.openai.ResponseLines.Failed;
import dev.cogworks.core.internal.conversation.openai.ResponseLines.Head;
import dev.cogworks.core.internal.conversation.openai.ResponseLines.Line;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code openai_compatible}: asks any OpenAI-compatible chat-completions endpoint ({@code POST
 * {base_url}/chat/completions}) — OpenAI itself, a local Ollama ({@code
 * http://localhost:11434/v1}), vLLM — and streams the answer as it comes.
 *
 * <p>Every failure becomes an {@link AssistantException} in plain words for the person, and a WARN
 * line with the details for the owners. The API key is read once from the environment variable that
 * {@code api_key_env} names and is only ever written into the {@code Authorization} header: no
 * message, log line or {@code toString} carries it, and server text that echoes it is redacted.
 */
public final class OpenAiCompatibleAssistant implements Assistant {
  public static final String NAME = "openai_compatible";

  private static final Logger log = LoggerFactory.getLogger(OpenAiCompatibleAssistant.class);

  /** Of a body read whole (an unstreamed answer): far more than Discord could show. */
  static final int MAX_ANSWER_CHARS = 1_000_000;

  /** Of an error body: its message is all we want. */
  static final int MAX_ERROR_CHARS = 64 * 1024;

  private final OpenAiCompatibleConfig config;
  private final String apiKey;
  private final Redactor redactor;
  private final Clock clock;
  private final HttpClient client;

  /**
   * @param env reads an environment variable ({@code System::getenv}); null when unset
   */
  public OpenAiCompatibleAssistant(OpenAiCompatibleConfig config, Function<String, String> env) {
    this(config, env, Clock.systemUTC());
  }

  OpenAiCompatibleAssistant(
      OpenAiCompatibleConfig config, Function<String, String> env, Clock clock) {
    this.config = config;
    String key = config.apiKeyEnv().isEmpty() ? null : env.apply(config.apiKeyEnv());
    this.apiKey = key == null ? "" : key.strip();
    this.redactor = new Redactor(apiKey);
    this.clock = clock;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            // HTTP/1.1 on purpose: on http:// the client would otherwise offer an h2c upgrade,
            // which some local model servers' HTTP stacks mishandle, and streaming gains nothing.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String answer(AssistantRequest request, AnswerStream stream)
      throws AssistantException, InterruptedException {
    if (request.timeout().isNegative() || request.timeout().isZero()) {
      // No time at all (the HTTP client refuses such a timeout): nothing can be asked.
      throw AnswerFailure.timedOut(request.timeout(), null).forUser();
    }
    // The system's time, not `clock` (which only dates Retry-After): ResponseLines waits by it.
    Instant deadline = Instant.now().plus(request.timeout());
    ResponseLines lines = new ResponseLines();
    CompletableFuture<HttpResponse<Void>> sent =
        client.sendAsync(httpRequest(request), lines.handler());
    sent.whenComplete(
        (response, failure) -> {
          if (failure != null) {
            lines.fail(failure);
          }
        });
    try {
      return exchange(lines, deadline, request.timeout(), stream);
    } catch (AnswerFailure failure) {
      log.warn(
          "openai_compatible: request {} to {} (model {}) failed: {}",
          request.requestId(),
          config.chatCompletions(),
          config.model(),
          redactor.redact(String.valueOf(failure.getMessage())));
      throw failure.forUser();
    } finally {
      // After the answer, or on a failure, timeout or interrupt: stop reading and close.
      lines.cancel();
      sent.cancel(true);
    }
  }

  private HttpRequest httpRequest(AssistantRequest request) {
    String body = ChatRequestBody.of(config, request).toString();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(config.chatCompletions())
            .timeout(request.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", config.stream() ? "text/event-stream" : "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!apiKey.isEmpty()) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    return builder.build();
  }

  private String exchange(
      ResponseLines lines, Instant deadline, Duration timeout, AnswerStream stream)
      throws AnswerFailure, AssistantException, InterruptedException {
    if (!(next(lines, deadline, timeout, false) instanceof Head head)) {
      throw AnswerFailure.unreadable("the response did not begin with a status");
    }
    if (head.status() < 200 || head.status() > 299) {
      ApiError error =
          ApiError.parse(head.status(), body(lines, deadline, timeout, MAX_ERROR_CHARS));
      throw failure(error, RetryAfter.of(head.headers(), clock).filter(w -> retryable(error)));
    }
    AnswerBuilder answer = new AnswerBuilder(stream);
    if (streamed(head)) {
      EventStreamReader reader = new EventStreamReader(answer, e -> failure(e, Optional.empty()));
      while (!reader.done()) {
        Event event = next(lines, deadline, timeout, true);
        if (event instanceof Line line) {
          reader.line(line.text());
        } else {
          reader.end();
          break;
        }
      }
    } else {
      String body = body(lines, deadline, timeout, MAX_ANSWER_CHARS);
      JsonNode completion = completion(body);
      if (completion.hasNonNull("error")) {
        throw failure(ApiError.of(200, completion), Optional.empty());
      }
      answer.message(
          Json.firstChoice(completion)
              .orElseThrow(
                  () ->
                      AnswerFailure.unreadable(
                          "the completion has no choices[0]: " + EventStreamReader.excerpt(body))));
    }
    return answer.result();
  }

  /**
   * Server-sent events when the server says so; a JSON body when it says that (a server that
   * ignores {@code stream: true}); otherwise what was asked for.
   */
  private boolean streamed(Head head) {
    String type = head.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
    if (type.startsWith("text/event-stream")) {
      return true;
    }
    if (type.startsWith("application/json")) {
      return false;
    }
    return config.stream();
  }

  private static boolean retryable(ApiError error) {
    return error.status() == 429 || error.status() == 503;
  }

  private AnswerFailure failure(ApiError error, Optional<Duration> retryAfter) {
    return new AnswerFailure(
        error.toException(config.model(), retryAfter, redactor), error.describe(redactor), null);
  }

  private static JsonNode completion(String body) throws AnswerFailure {
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JsonProcessingException e) {
      // Reported below.
    }
    throw AnswerFailure.unreadable(
        "the completion is not a JSON object: " + EventStreamReader.excerpt(body));
  }

  /**
   * The rest of the body, its lines joined; past {@code limit} an error body is cut, an answer
   * refused.
   */
  private String body(ResponseLines lines, Instant deadline, Duration timeout, int limit)
      throws AnswerFailure, InterruptedException {
    StringBuilder body = new StringBuilder();
    while (true) {
      Event event = next(lines, deadline, timeout, true);
      if (!(event instanceof Line line)) {
        return body.toString();
      }
      if (body.length() + line.text().length() > limit) {
        if (limit == MAX_ANSWER_CHARS) {
          throw AnswerFailure.unreadable("the completion is longer than " + limit + " characters");
        }
        return body.toString();
      }
      if (!body.isEmpty()) {
        body.append('\n');
      }
      body.append(line.text());
    }
  }

  /**
   * The next event of the response, a failure or the deadline turned into an {@link AnswerFailure}.
   *
   * @param answering whether the response had begun (a failure then broke the answer off)
   */
  private Event next(ResponseLines lines, Instant deadline, Duration timeout, boolean answering)
      throws AnswerFailure, InterruptedException {
    Event event;
    try {
      event = lines.next(deadline);
    } catch (TimeoutException e) {
      throw AnswerFailure.timedOut(timeout, null);
    }
    if (event instanceof Failed failed) {
      throw AnswerFailure.transport(failed.cause(), answering, timeout);
    }
    if (event instanceof End && !answering) {
      throw AnswerFailure.unreadable("the response ended before its status");
    }
    return event;
  }

  @Override
  public String toString() {
    return "OpenAiCompatibleAssistant["
        + config.chatCompletions()
        + ", model="
        + config.model()
        + ", api key "
        + (apiKey.isEmpty() ? "none" : "set")
        + "]";
  }
}
