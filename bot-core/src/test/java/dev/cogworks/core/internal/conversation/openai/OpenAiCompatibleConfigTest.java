package dev.cogworks.core.internal.conversation.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.ConfigError;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "OpenAiCompatibleConfig: reference.conf's defaults, and errors naming key, value and what is"
        + " allowed")
class OpenAiCompatibleConfigTest {
  private static OpenAiCompatibleConfig read(String userFile) {
    return OpenAiCompatibleConfig.from(
        ConfigFactory.parseString(
                userFile,
                com.typesafe.config.ConfigParseOptions.defaults()
                    .setOriginDescription("application.conf"))
            .withFallback(ConfigFactory.defaultReference())
            .resolve()
            .getConfig("conversation"));
  }

  @Test
  @DisplayName("Given base_url and model, every other key has reference.conf's default")
  void defaults() {
    OpenAiCompatibleConfig config =
        read(
            """
            conversation.openai_compatible {
              base_url = "http://localhost:11434/v1/"
              model = "llama3.2"
            }
            """);

    assertThat(config.baseUrl()).isEqualTo(URI.create("http://localhost:11434/v1"));
    assertThat(config.chatCompletions())
        .isEqualTo(URI.create("http://localhost:11434/v1/chat/completions"));
    assertThat(config.model()).isEqualTo("llama3.2");
    assertThat(config.apiKeyEnv()).isEqualTo("COGWORKS_ASSISTANT_API_KEY");
    assertThat(config.systemPrompt()).isEmpty();
    assertThat(config.stream()).isTrue();
    assertThat(config.maxTokens()).isZero();
    assertThat(config.temperature()).isEmpty();
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("Every key can be set")
  void everyKey() {
    OpenAiCompatibleConfig config =
        read(
            """
            conversation.openai_compatible {
              base_url = "https://api.openai.com/v1"
              model = "gpt-4o-mini"
              api_key_env = "OPENAI_API_KEY"
              system_prompt = "Be brief."
              stream = false
              max_tokens = 512
              temperature = 0.7
              connect_timeout = 3s
            }
            """);

    assertThat(config)
        .isEqualTo(
            new OpenAiCompatibleConfig(
                URI.create("https://api.openai.com/v1"),
                "gpt-4o-mini",
                "OPENAI_API_KEY",
                "Be brief.",
                false,
                512,
                OptionalDouble.of(0.7),
                Duration.ofSeconds(3)));
  }

  @Test
  @DisplayName("No base_url: the error names the key and gives examples")
  void baseUrlRequired() {
    assertThatThrownBy(() -> read("conversation.openai_compatible.model = \"llama3.2\""))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("conversation.openai_compatible.base_url = \"\" (")
        .hasMessageContaining("reference.conf")
        .hasMessageContaining("http://localhost:11434/v1");
  }

  @Test
  @DisplayName("A base_url that is not an http(s) URL is refused with the file it came from")
  void baseUrlInvalid() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    conversation.openai_compatible.base_url = "localhost:11434"
                    conversation.openai_compatible.model = "llama3.2"
                    """))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith(
            "conversation.openai_compatible.base_url = \"localhost:11434\" (application.conf: 1):")
        .hasMessageContaining("must be the base URL");
  }

  @Test
  @DisplayName("A base_url ending in /chat/completions is refused: that part is added")
  void baseUrlWithEndpoint() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    conversation.openai_compatible.base_url = "http://localhost:8000/v1/chat/completions"
                    conversation.openai_compatible.model = "m"
                    """))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("without /chat/completions");
  }

  @Test
  @DisplayName("No model: the error names the key")
  void modelRequired() {
    assertThatThrownBy(() -> read("conversation.openai_compatible.base_url = \"http://h/v1\""))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("conversation.openai_compatible.model = \"\"");
  }

  @Test
  @DisplayName("api_key_env holding a key rather than a variable's name is refused")
  void apiKeyEnvIsAName() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    conversation.openai_compatible {
                      base_url = "http://h/v1", model = "m", api_key_env = "sk-abc-123"
                    }
                    """))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("conversation.openai_compatible.api_key_env")
        .hasMessageContaining("NAME of an environment variable");
  }

  @Test
  @DisplayName(
      "temperature outside 0..2, a negative max_tokens, a zero connect_timeout are refused")
  void ranges() {
    String base = "conversation.openai_compatible { base_url = \"http://h/v1\", model = \"m\" }\n";
    assertThatThrownBy(() -> read(base + "conversation.openai_compatible.temperature = 3"))
        .hasMessageStartingWith("conversation.openai_compatible.temperature = 3 (")
        .hasMessageContaining("from 0 to 2");
    assertThatThrownBy(() -> read(base + "conversation.openai_compatible.max_tokens = -1"))
        .hasMessageStartingWith("conversation.openai_compatible.max_tokens = -1 (");
    assertThatThrownBy(() -> read(base + "conversation.openai_compatible.connect_timeout = 0s"))
        .hasMessageStartingWith("conversation.openai_compatible.connect_timeout = \"0s\" (");
  }

  @Test
  @DisplayName("A key the block does not have (a typo) is refused, listing the keys it has")
  void unknownKey() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    conversation.openai_compatible {
                      base_url = "http://h/v1", model = "m", max_token = 5
                    }
                    """))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("conversation.openai_compatible.max_token = 5 (")
        .hasMessageContaining("unknown key")
        .hasMessageContaining("max_tokens");
  }
}
