package dev.cogworks.sim.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every rate limit the simulator enforces, in one place. The defaults follow what Discord documents
 * (global 50 requests/s, 10,000 invalid requests per 10 minutes) and what its headers report for
 * the busiest routes (5 messages per 5 s per channel). Tests may tighten or scale any of it.
 *
 * <p>Routes are named {@code "METHOD /template"}, for example {@code "POST
 * /channels/{channel_id}/messages"}.
 */
public final class RateLimitPolicy {
  /**
   * Deleting a message older than 14 days: its own, slower bucket. Clients hard-code 30 per 120 s
   * (eris, discord.js's "Delete Old Message"); discord-api-docs#8330 saw 30 per 4 s in 2026.
   */
  public static final String OLD_MESSAGE_DELETE =
      "DELETE /channels/{channel_id}/messages/{message_id} older than 14 days";

  /**
   * Edits of messages older than an hour, counted on top of the edit bucket and refused with 429
   * and code 30046. Discord does not publish the number.
   */
  public static final String OLD_MESSAGE_EDIT =
      "PATCH /channels/{channel_id}/messages/{message_id} older than 1 hour";

  /**
   * Renaming a channel or changing its topic: 2 per 10 minutes per channel, on top of the route's
   * bucket. Discord does not document it; every client knows it (discord.js {@code hasSublimit}).
   */
  public static final String CHANNEL_NAME_TOPIC = "PATCH /channels/{channel_id} name or topic";

  /** New application commands: 200 per day per guild (Discord: "Application Commands"). */
  public static final String COMMAND_CREATES = "application command creates";

  private final Map<String, RouteLimit> routes;
  private final RouteLimit fallback;
  private final int globalPerSecond;
  private final int invalidRequestLimit;
  private final Duration invalidRequestWindow;

  private RateLimitPolicy(
      Map<String, RouteLimit> routes,
      RouteLimit fallback,
      int globalPerSecond,
      int invalidRequestLimit,
      Duration invalidRequestWindow) {
    this.routes = Map.copyOf(routes);
    this.fallback = fallback;
    this.globalPerSecond = globalPerSecond;
    this.invalidRequestLimit = invalidRequestLimit;
    this.invalidRequestWindow = invalidRequestWindow;
  }

  public static RateLimitPolicy discordDefaults() {
    Map<String, RouteLimit> routes = new LinkedHashMap<>();
    RouteLimit create = new RouteLimit("message_create", 5, Duration.ofSeconds(5));
    routes.put("POST /channels/{channel_id}/messages", create);
    routes.put(
        "PATCH /channels/{channel_id}/messages/{message_id}",
        new RouteLimit("message_edit", 5, Duration.ofSeconds(5)));
    routes.put(
        "DELETE /channels/{channel_id}/messages/{message_id}",
        new RouteLimit("message_delete", 5, Duration.ofSeconds(1)));
    routes.put(
        "POST /channels/{channel_id}/messages/bulk-delete",
        new RouteLimit("bulk_delete", 1, Duration.ofSeconds(1)));
    routes.put(
        "GET /channels/{channel_id}/messages",
        new RouteLimit("message_history", 5, Duration.ofSeconds(1)));
    RouteLimit memberRoles = new RouteLimit("member_roles", 10, Duration.ofSeconds(10));
    routes.put("PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}", memberRoles);
    routes.put("DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}", memberRoles);
    RouteLimit commandWrites = new RouteLimit("command_writes", 5, Duration.ofSeconds(20));
    for (String scope :
        new String[] {
          "/applications/{application_id}/commands",
          "/applications/{application_id}/guilds/{guild_id}/commands"
        }) {
      routes.put("PUT " + scope, commandWrites);
      routes.put("POST " + scope, commandWrites);
      routes.put("PATCH " + scope + "/{command_id}", commandWrites);
      routes.put("DELETE " + scope + "/{command_id}", commandWrites);
    }
    routes.put(
        OLD_MESSAGE_DELETE, new RouteLimit("message_delete_old", 30, Duration.ofSeconds(120)));
    routes.put(OLD_MESSAGE_EDIT, new RouteLimit("message_edit_old", 10, Duration.ofHours(1)));
    routes.put(COMMAND_CREATES, new RouteLimit("command_creates", 200, Duration.ofDays(1)));
    routes.put(CHANNEL_NAME_TOPIC, new RouteLimit("channel_name_topic", 2, Duration.ofMinutes(10)));
    // Discord: emoji routes are limited per guild, with numbers it does not publish and headers
    // that "may be inaccurate"; these are the simulator's, slow enough to be noticed.
    routes.put(
        "POST /guilds/{guild_id}/emojis", new RouteLimit("emoji_create", 5, Duration.ofMinutes(1)));
    RouteLimit emojiWrites = new RouteLimit("emoji_writes", 5, Duration.ofSeconds(10));
    routes.put("PATCH /guilds/{guild_id}/emojis/{emoji_id}", emojiWrites);
    routes.put("DELETE /guilds/{guild_id}/emojis/{emoji_id}", emojiWrites);
    routes.put(
        "POST /interactions/{interaction_id}/{interaction_token}/callback",
        new RouteLimit("interaction_callback", 5, Duration.ofSeconds(1)));
    routes.put(
        "POST /webhooks/{webhook_id}/{webhook_token}",
        new RouteLimit("webhook_execute", 5, Duration.ofSeconds(2)));
    return new RateLimitPolicy(
        routes,
        new RouteLimit("default", 50, Duration.ofSeconds(1)),
        50,
        10_000,
        Duration.ofMinutes(10));
  }

  /** The same policy with one route's limit replaced. */
  public RateLimitPolicy withRoute(String route, int limit, Duration window) {
    Map<String, RouteLimit> copy = new LinkedHashMap<>(routes);
    copy.put(route, new RouteLimit(forRoute(route).bucket(), limit, window));
    return new RateLimitPolicy(
        copy, fallback, globalPerSecond, invalidRequestLimit, invalidRequestWindow);
  }

  public RateLimitPolicy withGlobalPerSecond(int perSecond) {
    return new RateLimitPolicy(
        routes, fallback, perSecond, invalidRequestLimit, invalidRequestWindow);
  }

  public RateLimitPolicy withInvalidRequestLimit(int limit, Duration window) {
    return new RateLimitPolicy(routes, fallback, globalPerSecond, limit, window);
  }

  /** Every window multiplied by {@code factor}: 0.1 makes a 5 s bucket reset in 0.5 s. */
  public RateLimitPolicy scaled(double factor) {
    Map<String, RouteLimit> copy = new LinkedHashMap<>();
    routes.forEach((route, limit) -> copy.put(route, scale(limit, factor)));
    return new RateLimitPolicy(
        copy, scale(fallback, factor), globalPerSecond, invalidRequestLimit, invalidRequestWindow);
  }

  private static RouteLimit scale(RouteLimit limit, double factor) {
    long nanos = Math.max(1_000_000L, (long) (limit.window().toNanos() * factor));
    return new RouteLimit(limit.bucket(), limit.limit(), Duration.ofNanos(nanos));
  }

  /**
   * The route's limit; a route not in the table gets a bucket of its own with the fallback limit.
   */
  public RouteLimit forRoute(String route) {
    RouteLimit limit = routes.get(route);
    return limit != null ? limit : new RouteLimit(route, fallback.limit(), fallback.window());
  }

  public Map<String, RouteLimit> routes() {
    return routes;
  }

  public int globalPerSecond() {
    return globalPerSecond;
  }

  public int invalidRequestLimit() {
    return invalidRequestLimit;
  }

  public Duration invalidRequestWindow() {
    return invalidRequestWindow;
  }
}
