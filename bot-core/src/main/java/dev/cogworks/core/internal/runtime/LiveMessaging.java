package dev.cogworks.core.internal.runtime;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.messaging.MessagingService;
import dev.cogworks.core.internal.messaging.ModeSwitch;
import dev.cogworks.core.internal.messaging.ShardScope;
import dev.cogworks.core.internal.relay.RelayEngine;
import dev.cogworks.core.internal.relay.RelayTransport;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messaging of a running bot as the configuration says now: its transport, and the external
 * gateway's engine while the mode needs one. A change of {@code messaging.*} goes through {@link
 * #apply}: it opens the new engine first (a failure there changes nothing), switches the transport
 * ({@link MessagingService#switchTo}), and closes an engine no longer used once the old transport
 * has drained.
 */
final class LiveMessaging implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveMessaging.class);

  private final MessagingService messaging;
  private final SwitchingPacer pacer;
  private volatile RelayEngine engine;
  private volatile CogworksConfig.Relay engineSettings;
  private ShardManager shards;
  private MeterRegistry registry;

  /** {@code engine}: the one opened at start for external_gateway, else null. */
  LiveMessaging(MessagingService messaging, CogworksConfig config, RelayEngine engine) {
    this.messaging = messaging;
    this.engine = engine;
    this.engineSettings = engine == null ? null : config.messaging().relay();
    this.pacer = new SwitchingPacer(config.messaging().globalRequestsPerSecond(), engine);
  }

  /** The REST pacer to give JDA: it follows the mode. */
  SwitchingPacer pacer() {
    return pacer;
  }

  /** The external gateway's engine while the mode uses one. */
  Optional<RelayEngine> engine() {
    return Optional.ofNullable(engine);
  }

  /** Starts carrying requests in the configured mode, once the shards are up. */
  void connect(
      ShardManager shards, MeterRegistry registry, CogworksConfig config, ShardScope scope) {
    this.shards = shards;
    this.registry = registry;
    RelayTransport.bindTo(registry, messaging, () -> messaging.transport(RelayTransport.class));
    RelayEngine relay = engine;
    messaging.connect(
        failures -> Transports.create(config.messaging(), shards, relay, failures), scope);
  }

  /**
   * Makes {@code next.messaging()} the running messaging: a new transport (in the same or another
   * mode) takes over from the old one. Throws (changing nothing) when the new engine cannot be
   * opened or the transport built.
   */
  synchronized ModeSwitch.Outcome apply(CogworksConfig next) {
    CogworksConfig.Messaging settings = next.messaging();
    boolean needsEngine = settings.mode() == CogworksConfig.MessagingMode.EXTERNAL_GATEWAY;
    RelayEngine old = engine;
    boolean reuse = needsEngine && old != null && settings.relay().equals(engineSettings);
    RelayEngine opened = needsEngine && !reuse ? RelayEngines.open(next) : null;
    RelayEngine nextEngine = reuse ? old : opened;
    ModeSwitch.Outcome outcome;
    try {
      outcome =
          messaging.switchTo(
              settings,
              failures -> Transports.create(settings, shards, nextEngine, failures),
              () -> {
                try {
                  pacer.use(nextEngine);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
    } catch (RuntimeException e) {
      if (opened != null) {
        opened.close();
      }
      throw e;
    }
    engine = nextEngine;
    engineSettings = nextEngine == null ? null : settings.relay();
    if (old != null && old != nextEngine) {
      // Its workers' answers to the old transport still arrive through it until it drained.
      outcome
          .oldClosed()
          .whenComplete(
              (done, failure) -> {
                old.close();
                log.info("External gateway engine at {} closed: no longer used", old.where());
              });
    }
    return outcome;
  }

  @Override
  public void close() {
    RelayEngine current = engine;
    if (current != null) {
      current.close();
    }
  }
}
