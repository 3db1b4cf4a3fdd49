package dev.cogworks.core.internal.admin;

import dev.cogworks.core.internal.config.CogworksConfig.MessagingMode;
import dev.cogworks.core.internal.messaging.DeadLetters.DeadLetter;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import dev.cogworks.core.internal.messaging.MessagingService;
import dev.cogworks.core.internal.relay.RelayEngine;
import dev.cogworks.core.internal.relay.RelayTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bot's owners do to its messaging, from the admin server or the owner commands alike:
 * pause and resume the queue, and retry or discard dead letters.
 */
public final class Operations {
  private static final Logger log = LoggerFactory.getLogger(Operations.class);

  /** Dead letters handled at most by one "all" (the store is bounded by its own retention). */
  static final int ALL_LIMIT = 10_000;

  private final MessagingService messaging;
  private final Supplier<Optional<RelayEngine>> engine;

  /** {@code engine}: the external gateway's engine while the mode (which may change) uses one. */
  public Operations(MessagingService messaging, Supplier<Optional<RelayEngine>> engine) {
    this.messaging = messaging;
    this.engine = engine;
  }

  public MessagingService messaging() {
    return messaging;
  }

  public Optional<RelayEngine> gateway() {
    return engine.get();
  }

  /** Why this mode cannot pause, if it cannot. */
  public Optional<String> cannotPause() {
    return messaging.mode() == MessagingMode.DIRECT
        ? Optional.of(
            "messaging.mode = direct has no queue to hold: each request goes to Discord as it"
                + " comes (pause works in in_process and external_gateway)")
        : Optional.empty();
  }

  /**
   * Holds requests: in_process stops dispatching; external_gateway stops publishing here and its
   * workers stop claiming. In direct mode there is no queue to hold.
   *
   * @throws IllegalStateException in direct mode, saying so
   */
  public void pause() {
    switch (messaging.mode()) {
      case DIRECT -> throw new IllegalStateException(cannotPause().orElseThrow());
      case IN_PROCESS -> inProcess().pause();
      case EXTERNAL_GATEWAY -> {
        relay().pause();
        gateway().ifPresent(g -> g.control().paused(true));
      }
    }
    log.warn("Messaging paused by an owner: requests wait until resumed");
  }

  public void resume() {
    switch (messaging.mode()) {
      case DIRECT ->
          throw new IllegalStateException("messaging.mode = direct has no queue to resume");
      case IN_PROCESS -> inProcess().resume();
      case EXTERNAL_GATEWAY -> {
        gateway().ifPresent(g -> g.control().paused(false));
        relay().resume();
      }
    }
    log.info("Messaging resumed");
  }

  public boolean paused() {
    return messaging.paused();
  }

  private InProcessTransport inProcess() {
    return messaging
        .transport(InProcessTransport.class)
        .orElseThrow(() -> new IllegalStateException("the bot is not connected to Discord yet"));
  }

  private RelayTransport relay() {
    return messaging
        .transport(RelayTransport.class)
        .orElseThrow(() -> new IllegalStateException("the bot is not connected to Discord yet"));
  }

  /**
   * The monitor's dead-letter section, read from PostgreSQL at most once a second however many
   * pages and scrapes ask (each read is two queries); any change made here ends it at once.
   */
  Map<String, Object> deadLetterSummary(Supplier<Map<String, Object>> read) {
    Summary held = summary;
    long now = System.nanoTime();
    if (held != null && now - held.at < SUMMARY_NANOS) {
      return held.value;
    }
    Map<String, Object> fresh = read.get();
    summary = new Summary(now, fresh);
    return fresh;
  }

  private record Summary(long at, Map<String, Object> value) {}

  private static final long SUMMARY_NANOS = 1_000_000_000L;
  private volatile Summary summary;

  private void changed() {
    summary = null;
  }

  public List<DeadLetter> deadLetters(int limit) {
    return messaging.deadLetters().list(limit);
  }

  public int deadLetterCount() {
    return messaging.deadLetters().count();
  }

  /** Sends a dead letter again; fails with IllegalArgumentException when there is no such one. */
  /** Sends dead letter {@code id} again; empty when there is no such letter. */
  public Optional<CompletableFuture<Object>> retry(long id) {
    changed();
    Optional<CompletableFuture<Object>> sent = messaging.retryDeadLetter(id);
    sent.ifPresent(s -> s.whenComplete((value, failure) -> changed()));
    return sent;
  }

  /** Sends every dead letter again, oldest first; how many were handed to the queue. */
  public List<CompletableFuture<Object>> retryAll() {
    List<DeadLetter> letters = new ArrayList<>(deadLetters(ALL_LIMIT));
    java.util.Collections.reverse(letters);
    List<CompletableFuture<Object>> retried = new ArrayList<>();
    for (DeadLetter letter : letters) {
      retry(letter.id()).ifPresent(retried::add);
    }
    return retried;
  }

  public boolean discard(long id) {
    changed();
    return messaging.deadLetters().discard(id);
  }

  /** Discards every dead letter; how many there were. */
  public int discardAll() {
    int discarded = 0;
    for (DeadLetter letter : deadLetters(ALL_LIMIT)) {
      if (discard(letter.id())) {
        discarded++;
      }
    }
    return discarded;
  }
}
