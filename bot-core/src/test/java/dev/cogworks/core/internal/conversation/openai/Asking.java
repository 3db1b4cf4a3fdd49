package dev.cogworks.core.internal.conversation.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.api.conversation.AssistantException;
import dev.cogworks.api.conversation.AssistantRequest;
import dev.cogworks.api.conversation.ConversationTurn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What the assistant's tests share: the key, the config, requests, and catching failures. */
final class Asking {
  /** Looks like an OpenAI key; no message, log line or toString may ever contain it. */
  static final String KEY = "sk-proj-TESTKEY-5f0c8e2a9b7d41c3a6e8";

  private Asking() {}

  /** reference.conf's defaults under {@code overrides}, pointing at {@code baseUrl}. */
  static OpenAiCompatibleConfig config(String baseUrl, String overrides) {
    return OpenAiCompatibleConfig.from(
        ConfigFactory.parseString(
                "conversation.openai_compatible.base_url = \""
                    + baseUrl
                    + "\"\nconversation.openai_compatible.model = \"gpt-4o-mini\"\n"
                    + overrides)
            .withFallback(ConfigFactory.defaultReference())
            .resolve()
            .getConfig("conversation"));
  }

  /** An assistant whose environment has the key set, or not ({@code key} null). */
  static OpenAiCompatibleAssistant assistant(OpenAiCompatibleConfig config, String key) {
    return new OpenAiCompatibleAssistant(
        config, name -> name.equals("COGWORKS_ASSISTANT_API_KEY") ? key : null);
  }

  static OpenAiCompatibleAssistant assistant(
      OpenAiCompatibleConfig config, String key, Instant now) {
    return new OpenAiCompatibleAssistant(
        config,
        name -> name.equals("COGWORKS_ASSISTANT_API_KEY") ? key : null,
        Clock.fixed(now, java.time.ZoneOffset.UTC));
  }

  static AssistantRequest request(String message) {
    return request(message, List.of(), Optional.empty(), Duration.ofSeconds(5));
  }

  static AssistantRequest request(
      String message,
      List<ConversationTurn> history,
      Optional<String> systemPrompt,
      Duration timeout) {
    return new AssistantRequest(
        41L, 1001L, OptionalLong.of(2002L), 3003L, message, history, systemPrompt, timeout);
  }

  /** A question that fails, the failure checked to be fit for a person: no key, no trace. */
  interface Call {
    String call() throws Exception;
  }

  static AssistantException failure(Call call) {
    AssistantException e = null;
    try {
      String answer = call.call();
      throw new AssertionError("expected a failure, got the answer: " + answer);
    } catch (AssistantException expected) {
      e = expected;
    } catch (Exception other) {
      throw new AssertionError("expected an AssistantException", other);
    }
    assertThat(e.getMessage())
        .doesNotContain(KEY)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
    }
    return e;
  }
}
