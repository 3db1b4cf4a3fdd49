package dev.cogworks.core.internal.conversation;

import dev.cogworks.api.Cog;
import dev.cogworks.api.conversation.Assistant;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigError;
import dev.cogworks.core.internal.conversation.openai.OpenAiCompatibleAssistant;
import dev.cogworks.core.internal.conversation.openai.OpenAiCompatibleConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the assistant {@code conversation.assistant} names: a built-in one ({@code echo}, {@code
 * openai_compatible}) or one a running cog offers.
 */
public final class Assistants {
  /** Makes a built-in assistant from the {@code conversation} block. */
  public interface Factory {
    Assistant create(CogworksConfig.Conversation config);
  }

  private final Map<String, Factory> builtIn = new LinkedHashMap<>();

  /** The built-in assistants: echo, and openai_compatible reading its key from the environment. */
  public Assistants() {
    builtIn.put(EchoAssistant.NAME, config -> new EchoAssistant());
    builtIn.put(
        OpenAiCompatibleAssistant.NAME,
        config ->
            new OpenAiCompatibleAssistant(
                OpenAiCompatibleConfig.from(config.block()), System::getenv));
  }

  /** Adds a built-in assistant (the core's openai_compatible one registers here). */
  public Assistants with(String name, Factory factory) {
    builtIn.put(name, factory);
    return this;
  }

  /**
   * The configured assistant; empty when none is configured. Fails naming the key and the names
   * that exist when the configured one is unknown.
   */
  public Optional<Assistant> select(CogworksConfig.Conversation config, List<Cog> cogs) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    String wanted = config.assistant();
    Factory factory = builtIn.get(wanted);
    if (factory != null) {
      return Optional.of(factory.create(config));
    }
    Map<String, Assistant> offered = new LinkedHashMap<>();
    for (Cog cog : cogs) {
      for (Assistant assistant : cog.assistants()) {
        offered.putIfAbsent(assistant.name(), assistant);
      }
    }
    Assistant found = offered.get(wanted);
    if (found == null) {
      List<String> known =
          java.util.stream.Stream.concat(builtIn.keySet().stream(), offered.keySet().stream())
              .toList();
      throw new ConfigError(
          "conversation.assistant = \""
              + wanted
              + "\": no such assistant; the ones here are "
              + String.join(", ", known)
              + " (or \"\" for none). An assistant a cog offers is there only when its cog"
              + " loaded.");
    }
    return Optional.of(found);
  }
}
