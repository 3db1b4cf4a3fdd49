package dev.cogworks.api.settings;

import java.util.concurrent.CompletableFuture;

/**
 * One server's values of a cog's settings. Reads come from memory and never block; writes go to the
 * database and complete on the cog executor.
 */
public interface GuildSettings {
  long guildId();

  /**
   * The server's value, or the default when its admins set none. Throws {@link
   * IllegalArgumentException} for a setting the cog did not declare in {@code Cog.settings()}.
   */
  <T> T get(Setting<T> setting);

  /** Whether the server's admins set a value of their own. */
  boolean isSet(Setting<?> setting);

  /** Sets the server's value. */
  <T> CompletableFuture<Void> set(Setting<T> setting, T value);

  /** Forgets the server's value: the default applies again. */
  CompletableFuture<Void> reset(Setting<?> setting);
}
