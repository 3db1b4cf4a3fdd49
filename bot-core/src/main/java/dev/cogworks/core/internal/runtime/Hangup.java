package dev.cogworks.core.internal.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SIGHUP} as "reload the configuration", the daemons' convention. Through {@code
 * sun.misc.Signal} (module jdk.unsupported), which a platform may lack (Windows has no SIGHUP) or a
 * JVM refuse (with {@code -Xrs}); then nothing is installed and the other triggers remain. Only
 * these two methods touch the class, so its absence costs nothing else.
 */
final class Hangup {
  private static final Logger log = LoggerFactory.getLogger(Hangup.class);

  private Hangup() {}

  /** Installs {@code action} for SIGHUP; returns the previous handler (to restore), or null. */
  static Object install(Runnable action) {
    try {
      return sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
    } catch (IllegalArgumentException | LinkageError | UnsupportedOperationException e) {
      log.info("SIGHUP is not available here ({}); reload with `cogworks reload`", e.toString());
      return null;
    }
  }

  /** Puts back what {@link #install} replaced. */
  static void restore(Object previous) {
    if (previous instanceof sun.misc.SignalHandler handler) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), handler);
      } catch (IllegalArgumentException | LinkageError | UnsupportedOperationException e) {
        // nothing to restore
      }
    }
  }
}
