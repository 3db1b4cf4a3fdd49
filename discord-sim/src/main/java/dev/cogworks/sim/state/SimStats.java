package dev.cogworks.sim.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.ratelimit.RateLimitDecision;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulator counts for tests and benchmarks: requests per route and method, 429s per
 * scope, and message writes. Counters are lock-free; a snapshot is a consistent-enough read.
 */
public final class SimStats {
  private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> rateLimitedByScope = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> rateLimitedByRoute = new ConcurrentHashMap<>();
  private final LongAdder cloudflareBans = new LongAdder();
  private final LongAdder messagesCreated = new LongAdder();
  private final LongAdder messagesEdited = new LongAdder();
  private final LongAdder messagesDeleted = new LongAdder();
  private final LongAdder nonceReplays = new LongAdder();

  public void request(String method, String route) {
    count(byRoute, route);
    count(byMethod, method);
  }

  public void rateLimited(RateLimitDecision.Scope scope, String route) {
    count(rateLimitedByScope, scope.header());
    count(rateLimitedByRoute, route);
  }

  public void cloudflareBan() {
    cloudflareBans.increment();
  }

  public void messageCreated() {
    messagesCreated.increment();
  }

  public void messageEdited() {
    messagesEdited.increment();
  }

  public void messagesDeleted(int count) {
    messagesDeleted.add(count);
  }

  /** A create answered with the message an earlier create with its nonce made (enforce_nonce). */
  public void nonceReplayed() {
    nonceReplays.increment();
  }

  /** Creates that posted nothing new because their nonce had posted already. */
  public long nonceReplays() {
    return nonceReplays.sum();
  }

  public long requests(String route) {
    LongAdder adder = byRoute.get(route);
    return adder == null ? 0 : adder.sum();
  }

  public long rateLimited(RateLimitDecision.Scope scope) {
    LongAdder adder = rateLimitedByScope.get(scope.header());
    return adder == null ? 0 : adder.sum();
  }

  public long totalRateLimited() {
    return rateLimitedByScope.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long messagesCreated() {
    return messagesCreated.sum();
  }

  public long messagesEdited() {
    return messagesEdited.sum();
  }

  public long messagesDeleted() {
    return messagesDeleted.sum();
  }

  public void reset() {
    byRoute.clear();
    byMethod.clear();
    rateLimitedByScope.clear();
    rateLimitedByRoute.clear();
    cloudflareBans.reset();
    messagesCreated.reset();
    messagesEdited.reset();
    messagesDeleted.reset();
    nonceReplays.reset();
  }

  public ObjectNode toJson(int invalidRequests) {
    ObjectNode json = Json.object();
    json.set("requests_by_route", counts(byRoute));
    json.set("requests_by_method", counts(byMethod));
    json.set("rate_limited_by_scope", counts(rateLimitedByScope));
    json.set("rate_limited_by_route", counts(rateLimitedByRoute));
    json.put("rate_limited_total", totalRateLimited());
    json.put("invalid_requests", invalidRequests);
    json.put("cloudflare_bans", cloudflareBans.sum());
    json.putObject("messages")
        .put("created", messagesCreated.sum())
        .put("edited", messagesEdited.sum())
        .put("deleted", messagesDeleted.sum());
    return json;
  }

  private static ObjectNode counts(Map<String, LongAdder> map) {
    ObjectNode json = Json.object();
    new TreeMap<>(map).forEach((key, value) -> json.put(key, value.sum()));
    return json;
  }

  private static void count(Map<String, LongAdder> map, String key) {
    map.computeIfAbsent(key, k -> new LongAdder()).increment();
  }
}
