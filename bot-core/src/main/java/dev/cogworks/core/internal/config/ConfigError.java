package dev.cogworks.core.internal.config;

/**
 * A configuration value the bot cannot start with. Its message is one line naming the key, the
 * value, what is allowed, and the file it came from.
 */
public final class ConfigError extends RuntimeException {
  public ConfigError(String message) {
    super(message);
  }
}
