package dev.cogworks.core.internal.config;

import java.util.Optional;

/**
 * Reads the configuration again and applies what can change while the bot runs. Every trigger (the
 * file watch, SIGHUP, {@code POST /api/config/reload}, {@code cogworks reload}) calls {@link
 * #reload}; one at a time.
 */
public interface Reloads {
  /** Reads the source again and applies it; {@code trigger} names who asked, for the log. */
  ReloadResult reload(String trigger);

  /**
   * As {@link #reload}, with {@code messaging.mode} (and, for external_gateway, {@code
   * messaging.gateway.queue_type} unless null) set over the file for this reload only: nothing is
   * written, and the next reload, like the next start, goes back to the file.
   */
  ReloadResult switchMode(
      String trigger, CogworksConfig.MessagingMode mode, CogworksConfig.QueueType engine);

  /** The latest reload's result, if any. */
  Optional<ReloadResult> last();
}
