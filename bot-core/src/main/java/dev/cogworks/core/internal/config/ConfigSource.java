package dev.cogworks.core.internal.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;

/**
 * Where the configuration is read from, so that it can be read again while the bot runs: the user's
 * file (null: none), values that override it (the test kit's settings; empty in production) and the
 * class loader whose {@code reference.conf} files count.
 */
public record ConfigSource(Path userFile, Config overrides, ClassLoader classLoader) {
  /** The user's file ({@link ConfigLoader#userFile()}) and nothing over it. */
  public static ConfigSource userFile(ClassLoader classLoader) {
    return new ConfigSource(ConfigLoader.userFile(), ConfigFactory.empty(), classLoader);
  }

  /** Reads and validates it now; throws {@link ConfigError} naming the key when it is wrong. */
  public CogworksConfig load() {
    return ConfigLoader.load(userFile, overrides, classLoader);
  }

  /** The same source with {@code extra} over everything (one reload's own values). */
  public ConfigSource with(Config extra) {
    return new ConfigSource(userFile, extra.withFallback(overrides), classLoader);
  }

  /**
   * The top-level blocks the platform and its cogs define in their {@code reference.conf}: the keys
   * a reload compares (not the JVM's system properties, which libraries set as they run).
   */
  public java.util.Set<String> blocks() {
    return ConfigFactory.defaultReferenceUnresolved(classLoader).root().keySet();
  }
}
