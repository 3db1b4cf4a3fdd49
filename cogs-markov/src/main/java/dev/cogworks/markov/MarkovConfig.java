package dev.cogworks.markov;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;

/** The cog's config block ({@code markov { ... }} in reference.conf), read once and checked. */
record MarkovConfig(
    Duration gatherInterval,
    Duration historyRetention,
    int gatherBatch,
    int gatherParallelism,
    int order,
    int defaultLength,
    int maxLength,
    List<String> skipPrefixes,
    Duration reconcileInterval,
    int reconcileWindow) {

  static MarkovConfig from(Config c) {
    MarkovConfig config =
        new MarkovConfig(
            c.getDuration("gather_interval"),
            c.getDuration("history_retention"),
            c.getInt("gather_batch"),
            c.getInt("gather_parallelism"),
            c.getInt("order"),
            c.getInt("default_length"),
            c.getInt("max_length"),
            c.getStringList("skip_prefixes"),
            c.getDuration("reconcile_interval"),
            c.getInt("reconcile_window"));
    check(c, "order", config.order >= 1 && config.order <= 3, "must be 1, 2 or 3");
    check(c, "gather_batch", config.gatherBatch >= 1, "must be at least 1");
    check(c, "gather_parallelism", config.gatherParallelism >= 1, "must be at least 1");
    check(
        c,
        "reconcile_interval",
        !config.reconcileInterval.isNegative(),
        "must be 0 (off) or positive");
    check(c, "reconcile_window", config.reconcileWindow >= 1, "must be at least 1");
    check(c, "max_length", config.maxLength >= 1, "must be at least 1");
    check(
        c,
        "default_length",
        config.defaultLength >= 1 && config.defaultLength <= config.maxLength,
        "must be between 1 and max_length");
    check(
        c,
        "gather_interval",
        !config.gatherInterval.isNegative() && !config.gatherInterval.isZero(),
        "must be positive");
    check(
        c,
        "history_retention",
        !config.historyRetention.isNegative() && !config.historyRetention.isZero(),
        "must be positive");
    return config;
  }

  private static void check(Config c, String key, boolean ok, String allowed) {
    if (!ok) {
      throw new ConfigException.BadValue(
          c.origin(), "markov." + key, c.getValue(key).render() + ": " + allowed);
    }
  }
}
