package dev.cogworks.core.internal.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigDiff;
import dev.cogworks.core.internal.config.ConfigError;
import dev.cogworks.core.internal.config.ConfigSource;
import dev.cogworks.core.internal.config.ReloadResult;
import dev.cogworks.core.internal.config.ReloadResult.Outcome;
import dev.cogworks.core.internal.config.Reloads;
import dev.cogworks.core.internal.notify.Notice;
import dev.cogworks.core.internal.notify.NoticeKind;
import dev.cogworks.core.internal.notify.Notifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration again and applies what may change while the bot runs ({@link
 * ConfigDiff}): a change of {@code messaging.*} switches the transport ({@link LiveMessaging}), one
 * of {@code notifications.*} reconfigures the {@link Notifier}; a change of any other key is
 * reported as needing a restart and not applied at all; a bad edit changes nothing. Each result is
 * logged, counted ({@code cogworks.config.reloads{outcome}}), notified to the operators and kept
 * for the monitor.
 */
final class ConfigReloader implements Reloads {
  private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

  private final ConfigSource source;
  private final UnaryOperator<CogworksConfig> adjust;
  private final LiveMessaging messaging;
  private final Notifier notifier;
  private final MeterRegistry registry;
  private volatile CogworksConfig running;
  private volatile ReloadResult last;

  /**
   * {@code adjust} turns a freshly read config into what the bot runs (the sandbox puts the
   * gateway's queue in its embedded database), as at start.
   */
  ConfigReloader(
      ConfigSource source,
      CogworksConfig running,
      UnaryOperator<CogworksConfig> adjust,
      LiveMessaging messaging,
      Notifier notifier,
      MeterRegistry registry) {
    this.source = source;
    this.running = running;
    this.adjust = adjust;
    this.messaging = messaging;
    this.notifier = notifier;
    this.registry = registry;
  }

  /** The user's file, watched for edits; null when there is none. */
  java.nio.file.Path userFile() {
    return source.userFile();
  }

  /** The configuration in force now: the start's, with the live changes applied since. */
  CogworksConfig running() {
    return running;
  }

  @Override
  public ReloadResult reload(String trigger) {
    return apply(trigger, source);
  }

  @Override
  public ReloadResult switchMode(
      String trigger, CogworksConfig.MessagingMode mode, CogworksConfig.QueueType engine) {
    Map<String, Object> values = new java.util.HashMap<>();
    values.put("messaging.mode", mode.name().toLowerCase(Locale.ROOT));
    if (engine != null) {
      values.put("messaging.gateway.queue_type", engine.name().toLowerCase(Locale.ROOT));
    }
    return apply(trigger, source.with(ConfigFactory.parseMap(values)));
  }

  @Override
  public Optional<ReloadResult> last() {
    return Optional.ofNullable(last);
  }

  private synchronized ReloadResult apply(String trigger, ConfigSource from) {
    ReloadResult result;
    try {
      CogworksConfig next = adjust.apply(from.load());
      ConfigDiff diff = ConfigDiff.between(running.raw(), next.raw(), from.blocks());
      if (diff.live().isEmpty()) {
        result =
            result(
                trigger,
                diff.restart().isEmpty() ? Outcome.UNCHANGED : Outcome.NEEDS_RESTART,
                List.of(),
                diff.restart(),
                null,
                null);
      } else {
        CogworksConfig applied = liveOnly(next, diff);
        List<String> done = new java.util.ArrayList<>();
        if (diff.live().stream().anyMatch(key -> key.startsWith("messaging."))) {
          done.add(messaging.apply(applied).toString());
        }
        if (diff.live().stream().anyMatch(key -> key.startsWith("notifications."))) {
          notifier.reconfigure(applied.notifications());
          done.add(
              applied.notifications().enabled()
                  ? "Notifications now go to " + applied.notifications() + "."
                  : "Notifications are off.");
        }
        running = applied;
        result =
            result(
                trigger,
                Outcome.APPLIED,
                diff.live(),
                diff.restart(),
                null,
                String.join(" ", done));
      }
    } catch (ConfigError e) {
      result = result(trigger, Outcome.REJECTED, List.of(), List.of(), e.getMessage(), null);
    } catch (RuntimeException e) {
      log.debug("Reload failed", e);
      result =
          result(
              trigger,
              Outcome.REJECTED,
              List.of(),
              List.of(),
              "the messaging could not switch: " + e.getMessage(),
              null);
    }
    report(result);
    return result;
  }

  /**
   * The running config with only the live keys of {@code next}: restart-only keys keep their
   * running values, so the next reload still reports them until a restart.
   */
  private CogworksConfig liveOnly(CogworksConfig next, ConfigDiff diff) {
    Config raw = running.raw();
    for (String key : diff.live()) {
      raw =
          next.raw().hasPath(key)
              ? raw.withValue(key, next.raw().getValue(key))
              : raw.withoutPath(key);
    }
    CogworksConfig.Messaging m = next.messaging();
    CogworksConfig.Messaging kept =
        new CogworksConfig.Messaging(
            m.mode(),
            m.retryAttempts(),
            m.initialBackoff(),
            m.maxBackoff(),
            running.messaging().globalRequestsPerSecond(),
            m.maxQueueSize(),
            m.processorCount(),
            m.directMaxWaiting(),
            m.requestTimeout(),
            m.channelRateLimit(),
            m.relay(),
            m.switchDeadline());
    return running.withMessaging(kept, raw).withNotifications(next.notifications());
  }

  private static ReloadResult result(
      String trigger,
      Outcome outcome,
      List<String> applied,
      List<String> restart,
      String error,
      String detail) {
    return new ReloadResult(Instant.now(), trigger, outcome, applied, restart, error, detail);
  }

  private void report(ReloadResult result) {
    last = result;
    Counter.builder("cogworks.config.reloads")
        .description("Reloads of the configuration while running, by outcome")
        .tag("outcome", result.outcome().tag())
        .register(registry)
        .increment();
    String line = "Configuration reload (" + result.trigger() + "): " + result.message();
    switch (result.outcome()) {
      case REJECTED -> log.warn("{}", line);
      case NEEDS_RESTART -> log.warn("{}", line);
      default -> log.info("{}", line);
    }
    if (result.outcome() == Outcome.REJECTED) {
      notifier.report(
          Notice.of(NoticeKind.CONFIG_REJECTED, "The running configuration is kept.")
              .with("Why", result.error())
              .with("Trigger", result.trigger()));
      return;
    }
    if (result.outcome() == Outcome.APPLIED) {
      notifier.report(
          Notice.of(NoticeKind.CONFIG_APPLIED, result.detail())
              .with("Applied", String.join(", ", result.applied()))
              .with("Trigger", result.trigger()));
    }
    if (!result.needsRestart().isEmpty()) {
      notifier.report(
          Notice.of(
                  NoticeKind.CONFIG_NEEDS_RESTART,
                  "Changed in the configuration, not applied until the bot restarts.")
              .with("Needs a restart", String.join(", ", result.needsRestart()))
              .with("Trigger", result.trigger()));
    }
  }
}
