package dev.cogworks.api;

import com.typesafe.config.Config;
import dev.cogworks.api.messaging.MessagingQueue;
import dev.cogworks.api.settings.GuildSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/** What the platform hands a cog when it loads. */
public interface CogContext {
  /** The cog's own config block (its {@code reference.conf} defaults, overridden by the user). */
  Config config();

  /** The bot's database; the cog's migrations have run. Queries block: run them on {@link #io}. */
  Jdbi jdbi();

  /**
   * The cog executor: command handlers run here, and every future the {@link MessagingQueue} hands
   * out completes here. Work on it must not block; compose futures instead.
   */
  Executor executor();

  /**
   * A bounded pool for blocking work (database queries, files), apart from the command threads so
   * that a slow query never stalls commands. When it is saturated, work is refused with {@link
   * java.util.concurrent.RejectedExecutionException} rather than queued without end.
   */
  Executor io();

  /** Runs blocking {@code work} on {@link #io()}; the future completes on the cog executor. */
  default <T> CompletableFuture<T> blocking(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, io()).thenApplyAsync(result -> result, executor());
  }

  /** Where the cog's Discord requests go; {@link CogHelper}'s methods use it. */
  MessagingQueue messaging();

  /**
   * One server's values of this cog's settings ({@link Cog#settings()}): what its admins set, or
   * the defaults. Reads never block.
   */
  GuildSettings settings(long guildId);

  /**
   * Whether this cog is on in the server ({@code cog enable|disable}). Its commands, buttons and
   * listeners are already silenced where it is off; a cog's own background work (a loop over
   * channels) asks here.
   */
  boolean enabledIn(long guildId);

  /**
   * Voice channels: joining, leaving, the audio the bot sends and what happens to its connection
   * ({@link dev.cogworks.api.voice.Voice}); {@link dev.cogworks.api.voice.Voice#unavailable()}
   * where the bot has none.
   */
  default dev.cogworks.api.voice.Voice voice() {
    return dev.cogworks.api.voice.Voice.unavailable();
  }

  /**
   * The class loader over the application and the jars in {@code plugins/}: where a cog looks for
   * its own plug-ins (with {@link java.util.ServiceLoader}), such as the music cog's sources.
   */
  default ClassLoader plugins() {
    return getClass().getClassLoader();
  }
}
