package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cogworks.sim.errors.DiscordError;
import dev.cogworks.sim.faults.Fault;
import dev.cogworks.sim.faults.Faults;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.ratelimit.RateLimitDecision;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.sim.ratelimit.RateLimiter;
import dev.cogworks.sim.state.SimState;
import dev.cogworks.sim.state.SimStats;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps every REST route in what Discord does around it, in Discord's order: the Cloudflare ban,
 * authorization, injected faults, the global limit, the route's bucket, the handler, and the
 * X-RateLimit headers on every answer. Invalid requests (401, 403, non-shared 429, 404 on a
 * webhook) are counted.
 */
public final class RestPipeline {
  public static final String API_PREFIX = "/api/v10";
  private static final Logger log = LoggerFactory.getLogger(RestPipeline.class);

  /** Who may call a route. */
  public enum Auth {
    /** {@code Authorization: Bot <token>} of a known bot. */
    BOT,
    /** Authorized by a token in the path (webhooks, interactions); no header needed. */
    PATH_TOKEN
  }

  private final Javalin app;
  private final SimState state;
  private final RateLimiter limiter;
  private final Faults faults;
  private final SimStats stats;

  public RestPipeline(
      Javalin app, SimState state, RateLimiter limiter, Faults faults, SimStats stats) {
    this.app = app;
    this.state = state;
    this.limiter = limiter;
    this.faults = faults;
    this.stats = stats;
  }

  public void get(String template, Auth auth, RestHandler handler) {
    route(HandlerType.GET, template, auth, handler);
  }

  public void post(String template, Auth auth, RestHandler handler) {
    route(HandlerType.POST, template, auth, handler);
  }

  public void put(String template, Auth auth, RestHandler handler) {
    route(HandlerType.PUT, template, auth, handler);
  }

  public void patch(String template, Auth auth, RestHandler handler) {
    route(HandlerType.PATCH, template, auth, handler);
  }

  public void delete(String template, Auth auth, RestHandler handler) {
    route(HandlerType.DELETE, template, auth, handler);
  }

  private void route(HandlerType method, String template, Auth auth, RestHandler handler) {
    String route = method.name() + " " + template;
    app.addHttpHandler(method, API_PREFIX + template, ctx -> handle(ctx, route, auth, handler));
  }

  private void handle(Context ctx, String route, Auth auth, RestHandler handler)
      throws InterruptedException {
    stats.request(ctx.method().name(), route);
    long latency = faults.latencyMillis(route);
    if (latency > 0) {
      Thread.sleep(latency);
    }
    long banned = limiter.banRemainingMillis();
    if (banned > 0) {
      answerCloudflareBan(ctx, banned);
      return;
    }
    SimBot bot = authenticate(ctx);
    if (auth == Auth.BOT && bot == null) {
      limiter.recordInvalid();
      answer(ctx, DiscordError.unauthorized());
      return;
    }
    // Discord counts the global limit per authentication (JDA sends its bot token to webhooks
    // too), and per IP for requests without one.
    String identity = bot != null ? "bot:" + bot.user.id : "ip:" + ctx.ip();
    String limitRoute = MessageAgeLimits.bucketRoute(route, ctx, limiter.clock());
    String major = majorResource(ctx);
    Optional<Fault.ForcedRateLimit> forced = faults.forcedRateLimit(route);
    if (forced.isPresent()) {
      Fault.ForcedRateLimit f = forced.get();
      writeBucketHeaders(ctx, limiter.peek(identity, limitRoute, major, f.scope()));
      answerRateLimited(ctx, route, f.scope(), f.retryAfterMillis());
      return;
    }
    Optional<Integer> serverError = faults.serverError(route);
    if (serverError.isPresent()) {
      ctx.status(serverError.get());
      ctx.json(Json.object().put("message", serverError.get() + ": Server Error").put("code", 0));
      return;
    }
    RateLimitDecision decision =
        limiter.acquire(identity, limitRoute, major, globalExempt(route, ctx));
    writeBucketHeaders(ctx, decision);
    if (!decision.allowed()) {
      answerRateLimited(ctx, route, decision.refusedBy(), decision.retryAfterMillis());
      return;
    }
    if (MessageAgeLimits.editsOldMessage(route, ctx, limiter.clock())) {
      long retry = limiter.takeSubLimit(identity, RateLimitPolicy.OLD_MESSAGE_EDIT, major, 1);
      if (retry > 0) {
        answerOldMessageEditLimit(ctx, route, retry);
        return;
      }
    }
    RestCall call = new RestCall(ctx, auth == Auth.BOT ? bot : null);
    if (ChannelEditLimits.changesNameOrTopic(route, call)) {
      // The 429 keeps the route's bucket headers (requests remain there), as Discord's sub-limit
      // 429s do: that is how clients tell a sub-limit from their bucket running out.
      long retry = limiter.takeSubLimit(identity, RateLimitPolicy.CHANNEL_NAME_TOPIC, major, 1);
      if (retry > 0) {
        answerRateLimited(ctx, route, RateLimitDecision.Scope.USER, retry);
        return;
      }
    }
    try {
      JsonNode result = handler.handle(call);
      if (result == null) {
        ctx.status(204);
      } else {
        ctx.contentType("application/json").result(Json.write(result));
      }
    } catch (DiscordError e) {
      if (countsAsInvalid(route, e.status())) {
        limiter.recordInvalid();
      }
      answer(ctx, e);
    } catch (RuntimeException e) {
      log.error("discord-sim failed on {}", route, e);
      ctx.status(500)
          .json(Json.object().put("message", "500: Internal Server Error").put("code", 0));
    }
  }

  /**
   * Discord: 401 and 403 count toward the invalid-request limit, and "repeated 404s on a webhook"
   * restrict too, so 404s on webhook routes count as well.
   */
  private static boolean countsAsInvalid(String route, int status) {
    return status == 401 || status == 403 || (status == 404 && route.contains(" /webhooks/"));
  }

  /**
   * Interaction endpoints are not bound to the global limit: the callback, and the follow-up and
   * {@code @original} routes of an interaction token (Discord, "Receiving and Responding").
   */
  private boolean globalExempt(String route, Context ctx) {
    if (route.contains("/interactions/")) {
      return true;
    }
    String token = ctx.pathParamMap().get("webhook_token");
    return token != null && state.interactionsByToken.containsKey(token);
  }

  private SimBot authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.startsWith("Bot ")) {
      return null;
    }
    return state.botsByToken.get(header.substring(4).trim());
  }

  /** The top-level resource a bucket is counted per: Discord's "major parameters". */
  private static String majorResource(Context ctx) {
    var params = ctx.pathParamMap();
    for (String key :
        new String[] {"channel_id", "guild_id", "webhook_id", "interaction_id", "application_id"}) {
      String value = params.get(key);
      if (value != null) {
        String token =
            params.getOrDefault("webhook_token", params.getOrDefault("interaction_token", ""));
        return key + "=" + value + (token.isEmpty() ? "" : "/" + token);
      }
    }
    return "";
  }

  private static void writeBucketHeaders(Context ctx, RateLimitDecision d) {
    ctx.header("X-RateLimit-Limit", Integer.toString(d.limit().limit()));
    ctx.header("X-RateLimit-Remaining", Integer.toString(d.remaining()));
    ctx.header("X-RateLimit-Reset", seconds(d.resetAtMillis()));
    ctx.header("X-RateLimit-Reset-After", seconds(d.resetAfterMillis()));
    ctx.header("X-RateLimit-Bucket", d.limit().hash());
  }

  private void answerRateLimited(
      Context ctx, String route, RateLimitDecision.Scope scope, long retryAfterMillis) {
    stats.rateLimited(scope, route);
    if (scope != RateLimitDecision.Scope.SHARED) {
      limiter.recordInvalid();
    }
    boolean global = scope == RateLimitDecision.Scope.GLOBAL;
    ctx.status(429);
    if (global) {
      ctx.header("X-RateLimit-Global", "true");
    }
    ctx.header("X-RateLimit-Scope", scope.header());
    ctx.header("Retry-After", Long.toString((retryAfterMillis + 999) / 1000));
    // JDA reads a 429 without Via as a Cloudflare ban; Discord's own 429s come through its proxy.
    ctx.header("Via", "1.1 google");
    ObjectNode body = Json.object();
    body.put("message", "You are being rate limited.");
    body.put("retry_after", retryAfterMillis / 1000.0);
    body.put("global", global);
    body.put("code", scope == RateLimitDecision.Scope.SHARED ? 20028 : 0);
    ctx.contentType("application/json").result(Json.write(body));
  }

  /** Discord's answer past the old-message edit limit: a 429 whose body carries code 30046. */
  private void answerOldMessageEditLimit(Context ctx, String route, long retryAfterMillis) {
    stats.rateLimited(RateLimitDecision.Scope.USER, route);
    limiter.recordInvalid();
    ctx.status(429);
    ctx.header("X-RateLimit-Scope", RateLimitDecision.Scope.USER.header());
    ctx.header("Retry-After", Long.toString((retryAfterMillis + 999) / 1000));
    ctx.header("Via", "1.1 google");
    ObjectNode body = Json.object();
    body.put(
        "message",
        "Maximum number of edits to messages older than 1 hour reached. Try again later");
    body.put("code", 30046);
    body.put("retry_after", retryAfterMillis / 1000.0);
    body.put("global", false);
    ctx.contentType("application/json").result(Json.write(body));
  }

  private void answerCloudflareBan(Context ctx, long banRemainingMillis) {
    stats.cloudflareBan();
    ctx.status(429);
    ctx.header("Retry-After", Long.toString((banRemainingMillis + 999) / 1000));
    ctx.contentType("text/plain").result("error code: 1015");
  }

  static void answer(Context ctx, DiscordError error) {
    ctx.status(error.status()).contentType("application/json").result(Json.write(error.body()));
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }
}
