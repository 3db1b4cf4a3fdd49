package dev.cogworks.core.internal.conversation.openai;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.cogworks.core.internal.config.ConfigError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code conversation.openai_compatible}: where the {@code openai_compatible} assistant sends its
 * questions. It holds the name of the environment variable with the API key, never the key, so it
 * can be printed.
 *
 * @param baseUrl the API's base, without a trailing slash; {@code /chat/completions} is appended
 * @param model the model the server should answer with
 * @param apiKeyEnv the environment variable holding the API key; empty: never send one
 * @param systemPrompt the instructions sent when the server has none of its own; empty: none
 * @param stream whether the answer is streamed as server-sent events
 * @param maxTokens the answer's length limit in tokens; 0 leaves it to the server
 * @param temperature the sampling temperature; empty leaves it to the server
 * @param connectTimeout how long connecting to the server may take
 */
public record OpenAiCompatibleConfig(
    URI baseUrl,
    String model,
    String apiKeyEnv,
    String systemPrompt,
    boolean stream,
    int maxTokens,
    OptionalDouble temperature,
    Duration connectTimeout) {

  /** Where the block lives in the whole config, for error messages. */
  static final String PATH = "conversation.openai_compatible";

  static final List<String> KEYS =
      List.of(
          "base_url",
          "model",
          "api_key_env",
          "system_prompt",
          "stream",
          "max_tokens",
          "temperature",
          "connect_timeout");

  /**
   * Reads the {@code openai_compatible} block of {@code conversationBlock} (the merged {@code
   * conversation} block, reference.conf's defaults included). Every problem is a {@link
   * ConfigError} naming the key, the value, what is allowed and where the value came from.
   */
  public static OpenAiCompatibleConfig from(Config conversationBlock) {
    Config block;
    try {
      block = conversationBlock.getConfig("openai_compatible");
    } catch (ConfigException.Missing | ConfigException.WrongType e) {
      throw new ConfigError(
          PATH
              + " must be a block { base_url = ..., model = ... } for the openai_compatible"
              + " assistant");
    }
    // Wrapped at its full path so that every message names the key as the user writes it.
    Config c = block.atPath(PATH);
    for (var entry : c.getConfig(PATH).entrySet()) {
      if (!KEYS.contains(entry.getKey())) {
        throw error(
            c,
            PATH + "." + entry.getKey(),
            "unknown key; " + PATH + " has " + String.join(", ", KEYS));
      }
    }
    return new OpenAiCompatibleConfig(
        baseUrl(c, key("base_url")),
        model(c, key("model")),
        envName(c, key("api_key_env")),
        string(c, key("system_prompt"), "must be a string (\"\": none)").strip(),
        bool(c, key("stream")),
        maxTokens(c, key("max_tokens")),
        temperature(c, key("temperature")),
        connectTimeout(c, key("connect_timeout")));
  }

  /** The chat-completions endpoint. */
  public URI chatCompletions() {
    return URI.create(baseUrl + "/chat/completions");
  }

  private static String key(String name) {
    return PATH + "." + name;
  }

  private static URI baseUrl(Config c, String key) {
    String allowed =
        "must be the base URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1"
            + " (Ollama) or https://api.openai.com/v1";
    String value = string(c, key, allowed).strip();
    if (value.isEmpty()) {
      throw error(c, key, allowed);
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw error(c, key, allowed);
    }
    if (uri.getScheme() == null
        || !List.of("http", "https").contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw error(c, key, allowed);
    }
    String trimmed = value.replaceAll("/+$", "");
    if (trimmed.endsWith("/chat/completions")) {
      throw error(c, key, "must be the base URL, without /chat/completions (it is added)");
    }
    return URI.create(trimmed);
  }

  private static String model(Config c, String key) {
    String allowed = "must name the model to ask, e.g. \"llama3.2\" or \"gpt-4o-mini\"";
    String value = string(c, key, allowed).strip();
    if (value.isEmpty()) {
      throw error(c, key, allowed);
    }
    return value;
  }

  private static String envName(Config c, String key) {
    String allowed =
        "must be the NAME of an environment variable holding the key, e.g."
            + " COGWORKS_ASSISTANT_API_KEY (the key itself never goes in the file), or empty";
    String value = string(c, key, allowed).strip();
    if (!value.isEmpty() && !value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw error(c, key, allowed);
    }
    return value;
  }

  private static int maxTokens(Config c, String key) {
    try {
      int value = c.getInt(key);
      if (value >= 0) {
        return value;
      }
    } catch (ConfigException.Missing | ConfigException.WrongType e) {
      // Reported below with what is allowed.
    }
    throw error(c, key, "must be a whole number of at least 0 (0: the server decides)");
  }

  private static OptionalDouble temperature(Config c, String key) {
    // Absent, null or "": not sent. ("" is the default rather than null, because a null in
    // reference.conf is no key at all, and a check of known keys would refuse the user's value.)
    if (!c.hasPath(key)) {
      return OptionalDouble.empty();
    }
    ConfigValue value = c.getValue(key);
    if (value.valueType() == ConfigValueType.STRING && c.getString(key).isBlank()) {
      return OptionalDouble.empty();
    }
    try {
      double t = c.getDouble(key);
      if (t >= 0 && t <= 2) {
        return OptionalDouble.of(t);
      }
    } catch (ConfigException.WrongType e) {
      // Reported below with what is allowed.
    }
    throw error(c, key, "must be a number from 0 to 2, or \"\" to leave it to the server");
  }

  private static Duration connectTimeout(Config c, String key) {
    try {
      Duration value = c.getDuration(key);
      if (!value.isNegative() && !value.isZero()) {
        return value;
      }
    } catch (ConfigException.Missing | ConfigException.BadValue | ConfigException.WrongType e) {
      // Reported below with what is allowed.
    }
    throw error(c, key, "must be a duration longer than 0, such as 10s or 500ms");
  }

  private static boolean bool(Config c, String key) {
    try {
      return c.getBoolean(key);
    } catch (ConfigException.Missing | ConfigException.WrongType e) {
      throw error(c, key, "must be true or false");
    }
  }

  private static String string(Config c, String key, String allowed) {
    try {
      return c.getString(key);
    } catch (ConfigException.Missing | ConfigException.WrongType e) {
      throw error(c, key, allowed);
    }
  }

  /**
   * ConfigLoader's one-line shape: key = value (origin): what is allowed. (Its helper is private to
   * the config package; this block is read where the assistant is chosen, not at start.)
   */
  private static ConfigError error(Config c, String key, String allowed) {
    if (!c.hasPath(key)) {
      return new ConfigError(key + " is missing: " + allowed);
    }
    ConfigValue value = c.getValue(key);
    return new ConfigError(
        key
            + " = "
            + value.render(ConfigRenderOptions.concise())
            + " ("
            + value.origin().description()
            + "): "
            + allowed);
  }
}
