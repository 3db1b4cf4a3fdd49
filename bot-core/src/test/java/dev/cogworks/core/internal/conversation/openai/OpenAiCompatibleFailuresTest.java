package dev.cogworks.core.internal.conversation.openai;

import static dev.cogworks.core.internal.conversation.openai.Asking.KEY;
import static dev.cogworks.core.internal.conversation.openai.Asking.assistant;
import static dev.cogworks.core.internal.conversation.openai.Asking.config;
import static dev.cogworks.core.internal.conversation.openai.Asking.failure;
import static dev.cogworks.core.internal.conversation.openai.Asking.request;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.DONE;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.OLLAMA_MODEL_NOT_FOUND;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.OPENAI_ROLE_CHUNK;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.VLLM_STREAM_ERROR;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.event;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.openAiContentChunk;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.openAiError;
import static dev.cogworks.core.internal.conversation.openai.FakeModelServer.json;
import static dev.cogworks.core.internal.conversation.openai.FakeModelServer.send;
import static dev.cogworks.core.internal.conversation.openai.FakeModelServer.startEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import dev.cogworks.api.conversation.AnswerStream;
import dev.cogworks.api.conversation.AssistantException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

@DisplayName(
    "openai_compatible failures: each is one plain sentence for the person, never the key, and a"
        + " WARN line for the owners")
class OpenAiCompatibleFailuresTest {
  private FakeModelServer server;
  private final List<String> pieces = new CopyOnWriteArrayList<>();
  private final AnswerStream stream = pieces::add;
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger log = (Logger) LoggerFactory.getLogger(OpenAiCompatibleAssistant.class);

  @BeforeEach
  void start() throws IOException {
    server = new FakeModelServer();
    logged.start();
    log.addAppender(logged);
  }

  @AfterEach
  void stop() {
    log.detachAppender(logged);
    server.close();
  }

  private OpenAiCompatibleAssistant assistantWith(String overrides) {
    return assistant(config(server.baseUrl(), overrides), KEY);
  }

  private AssistantException asking() {
    return failure(() -> assistantWith("").answer(request("Hello!"), stream));
  }

  private List<String> warnings() {
    return logged.list.stream()
        .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {401, 403})
  @DisplayName(
      "A refused key says the bot is misconfigured, without details; the server's echo of the key"
          + " is redacted from the log")
  void refusedKey(int status) {
    server.answer(
        exchange ->
            json(
                exchange,
                status,
                openAiError(
                    "Incorrect API key provided: "
                        + KEY
                        + ". You can find your API key at"
                        + " https://platform.openai.com/account/api-keys.",
                    "invalid_request_error",
                    "invalid_api_key")));

    AssistantException e = asking();

    assertThat(e).hasMessageContaining("misconfigured").hasMessageContaining("bot's owners");
    assertThat(e.retryAfter()).isEmpty();
    assertThat(warnings()).hasSize(1);
    assertThat(warnings().get(0))
        .contains("HTTP " + status, "invalid_api_key", "<api key>")
        .doesNotContain(KEY);
  }

  @Test
  @DisplayName("404 with Ollama's error object: the configured model is not on the server")
  void modelNotFound() {
    server.answer(exchange -> json(exchange, 404, OLLAMA_MODEL_NOT_FOUND));

    assertThat(asking()).hasMessageContaining("model `gpt-4o-mini` is not available");
    assertThat(warnings().get(0)).contains("not_found_error", "try pulling it first");
  }

  @Test
  @DisplayName("404 without an error object: the address is wrong (e.g. /v1 left out)")
  void wrongAddress() {
    server.answer(
        exchange -> {
          byte[] body = "404 page not found".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain");
          exchange.sendResponseHeaders(404, body.length);
          exchange.getResponseBody().write(body);
        });

    assertThat(asking()).hasMessageContaining("no chat endpoint at the configured address");
  }

  @Test
  @DisplayName("400: the server's own message is shown, as it says what it cannot take")
  void badRequest() {
    server.answer(
        exchange ->
            json(
                exchange,
                400,
                openAiError(
                    "Invalid value for 'temperature': must be between 0 and 2.",
                    "invalid_request_error",
                    null)));

    assertThat(asking())
        .hasMessage(
            "The model server refused the question: Invalid value for 'temperature': must be"
                + " between 0 and 2.");
  }

  @Test
  @DisplayName("400 context_length_exceeded: the conversation is too long")
  void contextTooLong() {
    server.answer(
        exchange ->
            json(
                exchange,
                400,
                openAiError(
                    "This model's maximum context length is 8192 tokens. However, your messages"
                        + " resulted in 9000 tokens.",
                    "invalid_request_error",
                    "context_length_exceeded")));

    assertThat(asking()).hasMessageContaining("conversation is too long");
  }

  @Test
  @DisplayName("500: an internal error of the server, try again later, no details")
  void serverError() {
    server.answer(
        exchange ->
            json(
                exchange,
                500,
                openAiError(
                    "The server had an error while processing your request. Sorry about that!",
                    "server_error",
                    null)));

    AssistantException e = asking();

    assertThat(e).hasMessage("The model server had an internal error (HTTP 500); try again later.");
    assertThat(e.retryAfter()).isEmpty();
  }

  private static void rateLimited(HttpExchange exchange, String header, String value)
      throws IOException {
    exchange.getResponseHeaders().set(header, value);
    json(
        exchange,
        429,
        openAiError(
            "Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3,"
                + " Requested 1. Please try again in 20s.",
            "requests",
            "rate_limit_exceeded"));
  }

  @Test
  @DisplayName("429 with Retry-After in seconds: retryAfter is set and the person told when")
  void rateLimitedSeconds() {
    server.answer(exchange -> rateLimited(exchange, "Retry-After", "20"));

    AssistantException e = asking();

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(20));
    assertThat(e).hasMessage("The model server is busy; try again in 20 s.");
  }

  @Test
  @DisplayName("429 with Retry-After as an HTTP date: retryAfter is the time until then")
  void rateLimitedDate() {
    Instant now = Instant.parse("2026-11-30T01:00:00Z");
    String in90s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            now.plus(90, ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    server.answer(exchange -> rateLimited(exchange, "Retry-After", in90s));

    AssistantException e =
        failure(
            () -> assistant(config(server.baseUrl(), ""), KEY, now).answer(request("Hi"), stream));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(90));
    assertThat(e).hasMessage("The model server is busy; try again in 90 s.");
  }

  @Test
  @DisplayName("429 with retry-after-ms (OpenAI's own header) is read to the millisecond")
  void rateLimitedMillis() {
    server.answer(exchange -> rateLimited(exchange, "retry-after-ms", "1500"));

    AssistantException e = asking();

    assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
    assertThat(e).hasMessage("The model server is busy; try again in 2 s.");
  }

  @Test
  @DisplayName("429 insufficient_quota is no reason to come back soon: the owners must act")
  void outOfQuota() {
    server.answer(
        exchange ->
            json(
                exchange,
                429,
                openAiError(
                    "You exceeded your current quota, please check your plan and billing details.",
                    "insufficient_quota",
                    "insufficient_quota")));

    AssistantException e = asking();

    assertThat(e).hasMessageContaining("run out of quota");
    assertThat(e.retryAfter()).isEmpty();
  }

  @Test
  @DisplayName(
      "An error object in the middle of a stream (vLLM's shape, then [DONE]) fails the answer")
  void errorMidStream() {
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, event(OPENAI_ROLE_CHUNK));
          send(out, event(openAiContentChunk("Half an ans")));
          send(out, event(VLLM_STREAM_ERROR));
          send(out, DONE);
        });

    assertThat(asking()).hasMessageContaining("failed in the middle of the answer");
    assertThat(pieces).containsExactly("Half an ans");
    assertThat(warnings().get(0)).contains("InternalServerError", "code 500");
  }

  @Test
  @DisplayName("A stream whose body ends before [DONE] and before any finish_reason broke off")
  void streamEndsEarly() {
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, event(OPENAI_ROLE_CHUNK));
          send(out, event(openAiContentChunk("Half")));
        });

    assertThat(asking()).hasMessageContaining("broke off before the answer was complete");
  }

  @Test
  @DisplayName("A connection dropped in the middle of a chunked stream broke off")
  void connectionDropped() throws Exception {
    try (RawSocketServer raw =
        new RawSocketServer(
            socket -> {
              OutputStream out = socket.getOutputStream();
              out.write(
                  ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                          + "Transfer-Encoding: chunked\r\n\r\n"
                          + RawSocketServer.chunk(event(OPENAI_ROLE_CHUNK))
                          + RawSocketServer.chunk(event(openAiContentChunk("Hal"))))
                      .getBytes(StandardCharsets.UTF_8));
              out.flush();
              // Cut: half a chunk, then the connection closes (no last chunk, no [DONE]).
              out.write("40\r\ndata: {\"id".getBytes(StandardCharsets.UTF_8));
              out.flush();
            })) {
      AssistantException e =
          failure(() -> assistant(config(raw.baseUrl(), ""), KEY).answer(request("Hi"), stream));

      assertThat(e).hasMessageContaining("broke off before the answer was complete");
      assertThat(pieces).containsExactly("Hal");
    }
  }

  @Test
  @DisplayName("Connection refused: the assistant is not reachable right now")
  void connectionRefused() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    AssistantException e =
        failure(
            () ->
                assistant(config("http://127.0.0.1:" + closedPort + "/v1", ""), KEY)
                    .answer(request("Hi"), stream));

    assertThat(e).hasMessage("The assistant is not reachable right now; try again later.");
    assertThat(warnings().get(0)).contains("cannot be reached").doesNotContain(KEY);
  }

  @Test
  @DisplayName("A 200 body that is not JSON: the answer cannot be read")
  void malformedBody() {
    server.answer(exchange -> json(exchange, 200, "<html>Bad gateway</html>"));

    assertThat(asking()).hasMessageContaining("cannot read");
  }

  @Test
  @DisplayName("A stream event that is not JSON: the answer cannot be read")
  void malformedEvent() {
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, "data: {\"choices\": [{\"delta\": \n\n");
          send(out, DONE);
        });

    assertThat(asking()).hasMessageContaining("cannot read");
  }

  /** Runs a question on its own thread, as the queue's workers do. */
  private CompletableFuture<String> askInBackground(
      OpenAiCompatibleAssistant assistant, Duration timeout, AtomicReference<Thread> thread) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(
                    assistant.answer(request("Hi", List.of(), Optional.empty(), timeout), stream));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "conversation-worker");
    thread.set(t);
    t.start();
    return result;
  }

  private static Throwable failureOf(CompletableFuture<String> future) {
    return future.handle((answer, failure) -> failure).join();
  }

  @Test
  @DisplayName("A server that never answers: the call fails once the request's timeout passed")
  void neverAnswers() {
    server.answer(exchange -> server.closing.await());
    Duration timeout = Duration.ofMillis(400);
    long started = System.nanoTime();

    CompletableFuture<String> answer =
        askInBackground(assistantWith(""), timeout, new AtomicReference<>());

    await().atMost(Duration.ofSeconds(5)).until(answer::isDone);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(timeout);
    assertThat(failureOf(answer))
        .isInstanceOf(AssistantException.class)
        .hasMessageContaining("took too long to answer");
  }

  @Test
  @DisplayName(
      "A stream that stalls after it began fails at the timeout too (the client's own timeout"
          + " stops at the headers)")
  void stallsMidStream() {
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, event(openAiContentChunk("Thinking")));
          server.closing.await();
        });
    Duration timeout = Duration.ofMillis(400);
    long started = System.nanoTime();

    CompletableFuture<String> answer =
        askInBackground(assistantWith(""), timeout, new AtomicReference<>());

    await().atMost(Duration.ofSeconds(5)).until(answer::isDone);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(timeout);
    assertThat(failureOf(answer))
        .isInstanceOf(AssistantException.class)
        .hasMessageContaining("took too long to answer");
    assertThat(pieces).containsExactly("Thinking");
  }

  @Test
  @DisplayName("Interrupted while waiting for the server's first byte, the call ends at once")
  void interruptionBeforeTheAnswer() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    server.answer(
        exchange -> {
          asked.countDown();
          server.closing.await();
        });
    AtomicReference<Thread> worker = new AtomicReference<>();

    CompletableFuture<String> answer =
        askInBackground(assistantWith(""), Duration.ofSeconds(30), worker);
    assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
    worker.get().interrupt();

    await().atMost(Duration.ofSeconds(5)).until(answer::isDone);
    assertThat(failureOf(answer)).isInstanceOf(InterruptedException.class);
  }

  @Test
  @DisplayName(
      "Interrupted mid-stream (the queue cancelling), the call ends with InterruptedException and"
          + " the connection is closed: nothing keeps reading")
  void interruptionStopsTheCall() throws Exception {
    CountDownLatch clientGone = new CountDownLatch(1);
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, event(OPENAI_ROLE_CHUNK));
          send(out, event(openAiContentChunk("Hello")));
          try {
            // Keep-alives until the client hangs up, which a write then notices.
            while (!server.closing.await(20, TimeUnit.MILLISECONDS)) {
              send(out, ": keep-alive\n\n");
            }
          } catch (IOException e) {
            clientGone.countDown();
          }
        });
    AtomicReference<Thread> worker = new AtomicReference<>();

    CompletableFuture<String> answer =
        askInBackground(assistantWith(""), Duration.ofSeconds(30), worker);
    await().atMost(Duration.ofSeconds(5)).until(() -> pieces.contains("Hello"));
    worker.get().interrupt();

    await().atMost(Duration.ofSeconds(5)).until(answer::isDone);
    assertThat(failureOf(answer)).isInstanceOf(InterruptedException.class);
    assertThat(clientGone.await(5, TimeUnit.SECONDS))
        .as("the server saw the client hang up")
        .isTrue();
  }
}
