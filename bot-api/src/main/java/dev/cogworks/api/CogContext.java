package dev.cogworks.api;

import com.typesafe.config.Config;
import dev.cogworks.api.messaging.MessagingQueue;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.Jdbi;

/** What the platform hands a cog when it loads. */
public interface CogContext {
  /** The cog's own config block (its {@code reference.conf} defaults, overridden by the user). */
  Config config();

  /** The bot's database; the cog's migrations have run. */
  Jdbi jdbi();

  /** An executor for the cog's own work, so nothing blocks JDA's event threads. */
  Executor executor();

  /** Where the cog's Discord requests go; {@link CogHelper}'s methods use it. */
  MessagingQueue messaging();
}
