package dev.cogworks.core.internal.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which keys differ between the running configuration and a newly read one, split into those that
 * apply while the bot runs and those that need a restart. The rule is one list of prefixes: what
 * the bot rebuilds safely at run time (the messaging transport, and with it every limit, queue
 * size, retry setting and the external gateway's settings; the notifications' channel, webhook,
 * thresholds and intervals) is live; everything else (token, shards, database, admin server, cogs,
 * commands, conversation) is read into objects built once at start, so it needs a restart.
 */
public record ConfigDiff(List<String> live, List<String> restart) {
  /** Keys under these apply live (see the class comment). */
  static final List<String> LIVE_PREFIXES = List.of("messaging.", "notifications.");

  /**
   * Under a live prefix and still restart-only: the REST pacer JDA's rate limiter holds is built
   * with this budget at connect.
   */
  static final Set<String> RESTART_ONLY = Set.of("messaging.global_requests_per_second");

  /** Whether a change of {@code key} applies without a restart. */
  public static boolean appliesLive(String key) {
    return !RESTART_ONLY.contains(key) && LIVE_PREFIXES.stream().anyMatch(key::startsWith);
  }

  /** The keys under {@code blocks} whose values differ (added, removed or changed), sorted. */
  public static ConfigDiff between(Config running, Config next, Set<String> blocks) {
    Map<String, ConfigValue> before = leaves(running, blocks);
    Map<String, ConfigValue> after = leaves(next, blocks);
    Set<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<String> changed =
        keys.stream()
            .filter(k -> !Objects.equals(unwrap(before.get(k)), unwrap(after.get(k))))
            .toList();
    return new ConfigDiff(
        changed.stream().filter(ConfigDiff::appliesLive).toList(),
        changed.stream().filter(k -> !appliesLive(k)).toList());
  }

  public boolean empty() {
    return live.isEmpty() && restart.isEmpty();
  }

  private static Map<String, ConfigValue> leaves(Config config, Set<String> blocks) {
    Map<String, ConfigValue> leaves = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
      String key = e.getKey();
      int dot = key.indexOf('.');
      String block = dot < 0 ? key : key.substring(0, dot);
      if (blocks.contains(block)) {
        leaves.put(key, e.getValue());
      }
    }
    return leaves;
  }

  private static Object unwrap(ConfigValue value) {
    return value == null ? null : value.unwrapped();
  }
}
