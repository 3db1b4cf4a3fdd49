package dev.cogworks.core.internal.runtime;

import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.config.Reloads;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's own triggers of a reload: an edit of the user's {@code application.conf} and {@code
 * SIGHUP}. Both end in {@link Reloads#reload} on one thread of their own, never on the watcher's or
 * the signal's thread.
 *
 * <p>The file's directory is watched, not the file: an editor that saves by writing a new file and
 * renaming it over the old one replaces the file a watch on it would have followed. Events are
 * debounced ({@link #QUIET}), since one save is often several writes.
 */
final class ConfigTriggers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfigTriggers.class);

  /** How long the file must stay untouched before it is read. */
  static final long QUIET = 500;

  private final Reloads reloads;
  private final ExecutorService reloading =
      Executors.newSingleThreadExecutor(DaemonThreads.named("cogworks-config-reload"));
  private WatchService watch;
  private Thread watcher;
  private Object previousHangup;

  private ConfigTriggers(Reloads reloads) {
    this.reloads = reloads;
  }

  /** Watches {@code file} (when not null) and handles SIGHUP where the platform has it. */
  static ConfigTriggers start(Reloads reloads, Path file) {
    ConfigTriggers triggers = new ConfigTriggers(reloads);
    if (file != null) {
      triggers.watch(file.toAbsolutePath());
    }
    triggers.previousHangup = Hangup.install(triggers::hangup);
    return triggers;
  }

  boolean hangupInstalled() {
    return previousHangup != null;
  }

  /** What SIGHUP does: a reload, on the reload thread. */
  void hangup() {
    submit("SIGHUP");
  }

  private void submit(String trigger) {
    try {
      reloading.execute(() -> reloads.reload(trigger));
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // stopping
    }
  }

  private void watch(Path file) {
    Path dir = file.getParent();
    Path name = file.getFileName();
    try {
      watch = FileSystems.getDefault().newWatchService();
      dir.register(
          watch,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.OVERFLOW);
    } catch (IOException | UnsupportedOperationException e) {
      log.warn(
          "{} is not watched for edits ({}); reload with SIGHUP or `cogworks reload`", file, e);
      return;
    }
    watcher = DaemonThreads.named("cogworks-config-watch").newThread(() -> loop(name, file));
    watcher.start();
    log.info("Watching {} for edits: a change of messaging.* applies without a restart", file);
  }

  private void loop(Path name, Path file) {
    try {
      while (true) {
        if (!touched(watch.take(), name)) {
          continue;
        }
        // Debounce: wait until the file has been quiet for QUIET ms.
        WatchKey more;
        while ((more = watch.poll(QUIET, TimeUnit.MILLISECONDS)) != null) {
          touched(more, name);
        }
        submit("edit of " + file.getFileName());
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  /** Whether {@code key}'s events concern the file; resets the key. */
  private static boolean touched(WatchKey key, Path name) {
    boolean touched = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      touched |= event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
    }
    key.reset();
    return touched;
  }

  @Override
  public void close() {
    Hangup.restore(previousHangup);
    if (watch != null) {
      try {
        watch.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    reloading.shutdownNow();
  }
}
