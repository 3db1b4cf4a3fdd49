package dev.cogworks.core.internal.conversation.openai;

import static dev.cogworks.core.internal.conversation.openai.Asking.KEY;
import static dev.cogworks.core.internal.conversation.openai.Asking.assistant;
import static dev.cogworks.core.internal.conversation.openai.Asking.config;
import static dev.cogworks.core.internal.conversation.openai.Asking.failure;
import static dev.cogworks.core.internal.conversation.openai.Asking.request;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.DONE;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.OLLAMA_FINISH_CHUNK;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.OLLAMA_REASONING_CHUNK;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.OPENAI_REFUSAL_COMPLETION;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.OPENAI_ROLE_CHUNK;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.OPENAI_USAGE_CHUNK;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.event;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.ollamaContentChunk;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.openAiCompletion;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.openAiContentChunk;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.openAiFinishChunk;
import static dev.cogworks.core.internal.conversation.openai.ChatCompletionFixtures.openAiRefusalChunk;
import static dev.cogworks.core.internal.conversation.openai.FakeModelServer.json;
import static dev.cogworks.core.internal.conversation.openai.FakeModelServer.send;
import static dev.cogworks.core.internal.conversation.openai.FakeModelServer.startEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.api.conversation.AnswerStream;
import dev.cogworks.api.conversation.ConversationTurn;
import dev.cogworks.api.conversation.ConversationTurn.Role;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("openai_compatible: what it sends, and the answers it reads (streamed or whole)")
class OpenAiCompatibleAssistantTest {
  private FakeModelServer server;
  private final List<String> pieces = new CopyOnWriteArrayList<>();
  private final AnswerStream stream = pieces::add;

  @BeforeEach
  void start() throws IOException {
    server = new FakeModelServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OpenAiCompatibleAssistant assistantWith(String overrides, String key) {
    return assistant(config(server.baseUrl(), overrides), key);
  }

  @Test
  @DisplayName(
      "Given OpenAI's streaming example, each delta reaches the stream as it arrives, in order,"
          + " and the answer is their concatenation")
  void streamsDeltasAsTheyCome() throws Exception {
    CountDownLatch firstPieceShown = new CountDownLatch(1);
    AtomicBoolean restWaitedForFirstPiece = new AtomicBoolean();
    AnswerStream showing =
        piece -> {
          pieces.add(piece);
          firstPieceShown.countDown();
        };
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, event(OPENAI_ROLE_CHUNK));
          send(out, event(openAiContentChunk("Hello")));
          // The rest only once the first piece was shown: an assistant that buffered the whole
          // stream would show nothing until the end, and this would wait in vain.
          restWaitedForFirstPiece.set(firstPieceShown.await(5, TimeUnit.SECONDS));
          send(out, event(openAiContentChunk("! How can I")));
          send(out, event(openAiContentChunk(" assist you today?")));
          send(out, event(openAiFinishChunk("stop")));
          send(out, DONE);
        });

    String answer = assistantWith("", KEY).answer(request("Hello!"), showing);

    assertThat(pieces).containsExactly("Hello", "! How can I", " assist you today?");
    assertThat(answer).isEqualTo("Hello! How can I assist you today?");
    assertThat(restWaitedForFirstPiece)
        .as("the first piece was shown before the rest came")
        .isTrue();
  }

  @Test
  @DisplayName(
      "The request is POST {base_url}/chat/completions with model, the server's system prompt,"
          + " the history in order and the message last, stream true, and the key as a Bearer")
  void sendsTheConversation() throws Exception {
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, event(openAiContentChunk("Quatre.")));
          send(out, event(openAiFinishChunk("stop")));
          send(out, DONE);
        });
    List<ConversationTurn> history =
        List.of(
            new ConversationTurn(Role.USER, "Bonjour", Instant.parse("2026-11-30T00:00:00Z")),
            new ConversationTurn(
                Role.ASSISTANT,
                "Bonjour ! Que puis-je faire ?",
                Instant.parse("2026-11-30T00:00:01Z")));

    assistantWith("conversation.openai_compatible.system_prompt = \"Be brief.\"", KEY)
        .answer(
            request(
                "Combien font 2+2 ?",
                history,
                Optional.of("Answer in French."),
                Duration.ofSeconds(5)),
            stream);

    FakeModelServer.Received received = server.only();
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.path()).isEqualTo("/v1/chat/completions");
    assertThat(received.headers().getFirst("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(received.headers().getFirst("Content-Type")).isEqualTo("application/json");
    assertThat(received.headers().getFirst("Accept")).isEqualTo("text/event-stream");
    assertThat(received.body())
        .isEqualTo(
            Json.MAPPER.readTree(
                """
                {"model": "gpt-4o-mini",
                 "messages": [
                   {"role": "system", "content": "Answer in French."},
                   {"role": "user", "content": "Bonjour"},
                   {"role": "assistant", "content": "Bonjour ! Que puis-je faire ?"},
                   {"role": "user", "content": "Combien font 2+2 ?"}],
                 "stream": true}
                """));
  }

  @Test
  @DisplayName(
      "Without a key in the environment no Authorization is sent; the configured system prompt,"
          + " max_tokens and temperature are")
  void noKeyConfiguredPromptAndLimits() throws Exception {
    server.answer(exchange -> json(exchange, 200, openAiCompletion("Hi.", "stop")));

    assistantWith(
            """
            conversation.openai_compatible {
              system_prompt = "Be brief."
              stream = false
              max_tokens = 256
              temperature = 0.2
            }
            """,
            null)
        .answer(request("Hello!"), stream);

    FakeModelServer.Received received = server.only();
    assertThat(received.headers().containsKey("Authorization")).isFalse();
    assertThat(received.body())
        .isEqualTo(
            Json.MAPPER.readTree(
                """
                {"model": "gpt-4o-mini",
                 "messages": [
                   {"role": "system", "content": "Be brief."},
                   {"role": "user", "content": "Hello!"}],
                 "stream": false,
                 "max_tokens": 256,
                 "temperature": 0.2}
                """));
  }

  @Test
  @DisplayName("With no system prompt anywhere, the messages start with the history")
  void noSystemMessageWhenNoneIsSet() throws Exception {
    server.answer(exchange -> json(exchange, 200, openAiCompletion("Hi.", "stop")));

    assistantWith("", KEY)
        .answer(request("Hello!", List.of(), Optional.of("  "), Duration.ofSeconds(5)), stream);

    assertThat(server.only().body().get("messages").get(0).get("role").asText()).isEqualTo("user");
    assertThat(server.only().body().has("max_tokens")).isFalse();
    assertThat(server.only().body().has("temperature")).isFalse();
  }

  @Test
  @DisplayName(
      "With stream = false, OpenAI's chat completion object gives choices[0].message.content")
  void readsAWholeCompletion() throws Exception {
    server.answer(
        exchange ->
            json(exchange, 200, openAiCompletion("Hello! How can I assist you today?", "stop")));

    String answer =
        assistantWith("conversation.openai_compatible.stream = false", KEY)
            .answer(request("Hello!"), stream);

    assertThat(answer).isEqualTo("Hello! How can I assist you today?");
    assertThat(pieces).containsExactly("Hello! How can I assist you today?");
    assertThat(server.only().headers().getFirst("Accept")).isEqualTo("application/json");
  }

  @Test
  @DisplayName("A server that ignores stream: true and answers with JSON is still understood")
  void jsonAnswerToAStreamedRequest() throws Exception {
    server.answer(exchange -> json(exchange, 200, openAiCompletion("Whole.", "stop")));

    assertThat(assistantWith("", KEY).answer(request("Hello!"), stream)).isEqualTo("Whole.");
  }

  @Test
  @DisplayName(
      "Ollama's stream: a reasoning-only first chunk is not shown, keep-alive comments and the"
          + " usage chunk are skipped")
  void ollamaStreamWithReasoningAndKeepAlives() throws Exception {
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, ": keep-alive\n\n");
          send(out, event(OLLAMA_REASONING_CHUNK));
          send(out, event(ollamaContentChunk("Hi")));
          send(out, ":\n\n");
          send(out, event(ollamaContentChunk(" there.")));
          send(out, event(OLLAMA_FINISH_CHUNK));
          send(out, event(OPENAI_USAGE_CHUNK));
          send(out, DONE);
        });

    String answer = assistantWith("", null).answer(request("Hello!"), stream);

    assertThat(answer).isEqualTo("Hi there.");
    assertThat(pieces).containsExactly("Hi", " there.");
  }

  @Test
  @DisplayName(
      "Events split with \\r\\n, data without the space after the colon, an event: line, and two"
          + " chunks in one event are read too")
  void lenientFraming() throws Exception {
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, "data:" + openAiContentChunk("A") + "\r\n\r\n");
          send(out, "event: message\r\ndata: " + openAiContentChunk("B") + "\r\n\r\n");
          // Two chunks in one event (a server leaving out the blank line between them).
          send(
              out,
              "data: " + openAiContentChunk("C") + "\ndata: " + openAiContentChunk("D") + "\n\n");
          send(out, "data: " + openAiFinishChunk("stop") + "\r\n\r\ndata: [DONE]\r\n\r\n");
        });

    assertThat(assistantWith("", null).answer(request("Hello!"), stream)).isEqualTo("ABCD");
    assertThat(pieces).containsExactly("A", "B", "C", "D");
  }

  @Test
  @DisplayName("finish_reason length: the answer is kept, with a note that it was cut off")
  void lengthLimitAddsANote() throws Exception {
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, event(OPENAI_ROLE_CHUNK));
          send(out, event(openAiContentChunk("Once upon a")));
          send(out, event(openAiFinishChunk("length")));
          send(out, DONE);
        });

    String answer = assistantWith("", KEY).answer(request("Tell me a story"), stream);

    assertThat(answer).isEqualTo("Once upon a" + AnswerBuilder.LENGTH_NOTE);
    assertThat(String.join("", pieces)).isEqualTo(answer);
  }

  @Test
  @DisplayName("A stream that ends after its finish chunk but without [DONE] is accepted")
  void finishedStreamWithoutDone() throws Exception {
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, event(openAiContentChunk("Done anyway.")));
          send(out, event(openAiFinishChunk("stop")));
        });

    assertThat(assistantWith("", KEY).answer(request("Hi"), stream)).isEqualTo("Done anyway.");
  }

  @Test
  @DisplayName(
      "A streamed refusal (delta.refusal) tells the person plainly that the model declined")
  void streamedRefusal() {
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, event(OPENAI_ROLE_CHUNK));
          send(out, event(openAiRefusalChunk("I'm sorry, ")));
          send(out, event(openAiRefusalChunk("I can't help with that.")));
          send(out, event(openAiFinishChunk("stop")));
          send(out, DONE);
        });

    assertThat(failure(() -> assistantWith("", KEY).answer(request("Something bad"), stream)))
        .hasMessage("The assistant declined to answer: I'm sorry, I can't help with that.");
  }

  @Test
  @DisplayName("A whole completion's message.refusal tells the person plainly too")
  void wholeRefusal() {
    server.answer(exchange -> json(exchange, 200, OPENAI_REFUSAL_COMPLETION));

    assertThat(
            failure(
                () ->
                    assistantWith("conversation.openai_compatible.stream = false", KEY)
                        .answer(request("Something bad"), stream)))
        .hasMessage("The assistant declined to answer: I'm sorry, I can't help with that.");
  }

  @Test
  @DisplayName("finish_reason content_filter: the person is told the filter stopped the answer")
  void contentFilter() {
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, event(openAiContentChunk("Well, ")));
          send(out, event(openAiFinishChunk("content_filter")));
          send(out, DONE);
        });

    assertThat(failure(() -> assistantWith("", KEY).answer(request("Hm"), stream)))
        .hasMessageContaining("content filter");
  }

  @Test
  @DisplayName("An answer with no content at all is a failure, not an empty message")
  void emptyAnswer() {
    server.answer(
        exchange -> {
          OutputStream out = startEvents(exchange);
          send(out, event(OPENAI_ROLE_CHUNK));
          send(out, event(openAiFinishChunk("stop")));
          send(out, DONE);
        });

    assertThat(failure(() -> assistantWith("", KEY).answer(request("Hm"), stream)))
        .hasMessageContaining("empty answer");
  }

  @Test
  @DisplayName("Neither the assistant nor its config shows the key when printed")
  void keyNeverPrinted() {
    OpenAiCompatibleConfig config = config(server.baseUrl(), "");
    assertThat(assistant(config, KEY).toString()).doesNotContain(KEY).contains("api key set");
    assertThat(config.toString()).doesNotContain(KEY).contains("COGWORKS_ASSISTANT_API_KEY");
  }
}
