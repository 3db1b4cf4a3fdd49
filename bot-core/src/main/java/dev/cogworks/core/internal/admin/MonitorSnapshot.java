package dev.cogworks.core.internal.admin;

import dev.cogworks.api.messaging.Priority;
import dev.cogworks.core.internal.conversation.ConversationMetrics;
import dev.cogworks.core.internal.messaging.BucketObserver;
import dev.cogworks.core.internal.messaging.DeadLetters.DeadLetter;
import dev.cogworks.core.internal.messaging.InProcessTransport;
import dev.cogworks.core.internal.messaging.InvalidRequests;
import dev.cogworks.core.internal.messaging.QueueStats;
import dev.cogworks.core.internal.messaging.RecentCounts;
import dev.cogworks.core.internal.relay.EngineControl;
import dev.cogworks.core.internal.relay.RelayTransport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.JDA;

/**
 * The queue monitor's view of the bot, as JSON-ready maps: mode and pause, the queue by priority
 * and its busiest channels, counters, Discord's buckets and the global budget, dead letters and
 * recent failures, the conversation queue, the gateway's workers, the shards, and the last hour's
 * chart.
 */
final class MonitorSnapshot {
  /** Discord bans an IP past this many invalid requests in ten minutes. */
  static final int INVALID_LIMIT = 10_000;

  static final int TOP_CHANNELS = 20;
  static final int DEAD_LETTERS_SHOWN = 50;

  private MonitorSnapshot() {}

  static Map<String, Object> of(
      BotParts bot, Operations operations, ActivityHistory history, boolean withDeadLetters) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("role", "bot");
    json.put("at", Instant.now().toString());
    json.put("mode", bot.messaging().mode().name().toLowerCase());
    json.put("paused", operations.paused());
    json.put("shards", shards(bot));
    bot.messaging()
        .transport(InProcessTransport.class)
        .ifPresent(q -> json.put("queue", queue(q.stats(), q.topChannels(TOP_CHANNELS))));
    bot.messaging()
        .transport(RelayTransport.class)
        .ifPresent(r -> json.put("gateway", gateway(r, bot)));
    json.put("rate_limits", rateLimits(bot));
    bot.reloads().last().ifPresent(r -> json.put("config", Map.of("last_reload", r.json())));
    if (withDeadLetters) {
      json.put("dead_letters", deadLetters(operations));
    }
    json.put(
        "recent_failures",
        bot.messaging().lastErrors().stream()
            .map(
                e ->
                    Map.<String, Object>of(
                        "at", e.at().toString(),
                        "action", e.action(),
                        "channel", Long.toString(e.routeKey()),
                        "error", e.error()))
            .toList());
    bot.conversation().ifPresent(c -> json.put("conversation", conversation(c.stats())));
    json.put("history", history(history));
    return json;
  }

  private static List<Map<String, Object>> shards(BotParts bot) {
    List<Map<String, Object>> shards = new ArrayList<>();
    for (JDA shard : bot.shards().getShards()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("id", shard.getShardInfo().getShardId());
      s.put("status", shard.getStatus().name().toLowerCase());
      s.put("ping_ms", shard.getGatewayPing());
      s.put("guilds", shard.getGuildCache().size());
      shards.add(s);
    }
    return shards;
  }

  static Map<String, Object> queue(QueueStats stats, InProcessTransport.TopChannels channels) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("queued", stats.queued());
    q.put("in_flight", stats.inFlight());
    Map<String, Integer> byPriority = new LinkedHashMap<>();
    for (Priority p : Priority.values()) {
      byPriority.put(p.name().toLowerCase(), stats.queuedByPriority().getOrDefault(p, 0));
    }
    q.put("by_priority", byPriority);
    q.put("channels", channels.channels());
    q.put(
        "top_channels",
        channels.top().stream()
            .map(
                e ->
                    Map.<String, Object>of(
                        "channel", Long.toString(e.getKey()), "queued", e.getValue()))
            .toList());
    var c = stats.counters();
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("queued", c.queued());
    counters.put("delivered", c.completed());
    counters.put("failed", c.failed());
    counters.put("retried", c.retried());
    counters.put("coalesced", c.coalesced());
    counters.put("expired", c.expired());
    counters.put("rejected", c.rejected());
    q.put("counters", counters);
    return q;
  }

  private static Map<String, Object> gateway(RelayTransport relay, BotParts bot) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("engine", bot.messaging().config().relay().queueType().name().toLowerCase());
    g.put("engine_reachable", relay.engineReachable());
    g.put("unpublished", relay.queuedLocally());
    g.put("waiting_for_answers", relay.waiting());
    g.put("merged_edits", relay.mergedEdits());
    g.put("late_answers", relay.lateAnswers());
    List<Map<String, Object>> workers = new ArrayList<>();
    bot.gateway()
        .ifPresent(
            engine -> {
              try {
                Instant now = Instant.now();
                for (EngineControl.WorkerLease w : engine.control().workers()) {
                  workers.add(
                      Map.of(
                          "id", w.id(),
                          "lease_until", w.aliveUntil().toString(),
                          "healthy", w.alive(now)));
                }
              } catch (RuntimeException e) {
                g.put("workers_error", e.getMessage());
              }
            });
    g.put("workers", workers);
    return g;
  }

  static Map<String, Object> rateLimits(BotParts bot) {
    BucketObserver buckets = bot.messaging().buckets();
    Map<String, Object> r = new LinkedHashMap<>();
    int limit = bot.config().messaging().globalRequestsPerSecond();
    r.put("global_limit_per_second", limit);
    r.put("global_used_last_second", buckets.sent().last(1));
    InvalidRequests invalid = buckets.invalidRequests();
    r.put("rate_limited_last_10_minutes", buckets.rateLimited().last(RecentCounts.SECONDS));
    r.put("invalid_requests_last_10_minutes", invalid.lastTenMinutes());
    r.put("invalid_requests_limit", INVALID_LIMIT);
    Instant now = Instant.now();
    List<BucketObserver.Bucket> seen = buckets.buckets();
    r.put(
        "buckets_exhausted",
        seen.stream().filter(b -> b.remaining() == 0 && b.resetAt().isAfter(now)).count());
    r.put(
        "buckets",
        seen.stream()
            .filter(b -> b.resetAt().isAfter(now))
            .sorted(Comparator.comparingInt(BucketObserver.Bucket::remaining))
            .limit(TOP_CHANNELS)
            .map(
                b ->
                    Map.<String, Object>of(
                        "route", b.route(),
                        "resource", b.resource(),
                        "limit", b.limit(),
                        "remaining", b.remaining(),
                        "reset_at", b.resetAt().toString()))
            .toList());
    return r;
  }

  private static Map<String, Object> deadLetters(Operations operations) {
    return operations.deadLetterSummary(() -> readDeadLetters(operations));
  }

  private static Map<String, Object> readDeadLetters(Operations operations) {
    Map<String, Object> d = new LinkedHashMap<>();
    try {
      List<DeadLetter> letters = operations.deadLetters(DEAD_LETTERS_SHOWN);
      d.put("count", operations.deadLetterCount());
      d.put("recent", letters.stream().map(MonitorSnapshot::letter).toList());
    } catch (RuntimeException e) {
      d.put("error", "the database cannot be read: " + e.getMessage());
    }
    return d;
  }

  static Map<String, Object> letter(DeadLetter l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", l.id());
    m.put("action", l.action());
    m.put("channel", Long.toString(l.routeKey()));
    m.put("error", l.error());
    m.put("attempts", l.attempts());
    m.put("failed_at", l.failedAt().toString());
    return m;
  }

  private static Map<String, Object> conversation(ConversationMetrics.Stats s) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("waiting", s.waiting());
    c.put("answering", s.answering());
    c.put("capacity", s.capacity());
    c.put("paused", s.paused());
    c.put("accepted", s.accepted());
    c.put("completed", s.completed());
    c.put("failed", s.failed());
    c.put("expired", s.expired());
    c.put("cancelled", s.cancelled());
    c.put("wait_p50_ms", s.waitP50().toMillis());
    c.put("wait_p99_ms", s.waitP99().toMillis());
    c.put("total_p50_ms", s.totalP50().toMillis());
    c.put("total_p99_ms", s.totalP99().toMillis());
    return c;
  }

  private static Map<String, Object> history(ActivityHistory history) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("resolution_seconds", ActivityHistory.RESOLUTION_SECONDS);
    h.put(
        "samples",
        history.samples().stream()
            .map(
                s ->
                    Map.<String, Object>of(
                        "at", s.at().toString(),
                        "sent", s.sent(),
                        "rate_limited", s.rateLimited(),
                        "queued", s.queued()))
            .toList());
    return h;
  }
}
