package dev.cogworks.core.internal.messaging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.requests.RestRateLimiter;
import net.dv8tion.jda.api.requests.Route;
import okhttp3.Response;

/**
 * Discord's rate-limit buckets as the answers report them (the same headers JDA reads): limit,
 * remaining and reset per route and top-level resource. Keeps the most recently seen 1,000. It also
 * counts what the answers say about the bot's standing: requests sent, 429s, and the invalid
 * requests Discord bans an IP for past 10,000 in ten minutes (401, 403, and 429 other than a
 * shared-resource one).
 */
public final class BucketObserver {
  private static final int KEPT = 1000;
  private static final Pattern MAJOR_ID = Pattern.compile("=(\\d+)");

  /** One bucket as last reported. */
  public record Bucket(
      String route, String resource, String hash, int limit, int remaining, Instant resetAt) {}

  private final Map<String, Bucket> buckets =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
          return size() > KEPT;
        }
      };

  private volatile java.util.function.Consumer<Bucket> onEmpty = bucket -> {};

  /** Requests gone to Discord whose answer's headers are not read here yet, by route and id. */
  private final Map<String, CompletableFuture<Void>> unread = new ConcurrentHashMap<>();

  private final RecentCounts sent = new RecentCounts();
  private final RecentCounts rateLimited = new RecentCounts();

  /** Requests answered by Discord, per second over the last ten minutes. */
  public RecentCounts sent() {
    return sent;
  }

  /** 429 answers. */
  public RecentCounts rateLimited() {
    return rateLimited;
  }

  private final InvalidRequests invalid = new InvalidRequests();
  private volatile Listener listener = new Listener() {};

  /** Hears what the answers say about rate limits (the notifications listen). */
  public interface Listener {
    /** Discord answered 429 on {@code route}; {@code scope} is user, global or shared. */
    default void tooManyRequests(String route, String scope) {}

    /** A request waited {@code wait} for its bucket and the global budget before it went out. */
    default void waited(String route, java.time.Duration wait) {}
  }

  public void listen(Listener listener) {
    this.listener = listener;
  }

  /** Invalid requests (401, 403, 429) of this process in the last 10 minutes. */
  public InvalidRequests invalidRequests() {
    return invalid;
  }

  /** Every answer passes here, with how long its request waited for the rate limits. */
  void answered(Route.CompiledRoute route, Response response, long waitedNanos) {
    String scope = response.header(RestRateLimiter.SCOPE_HEADER);
    invalid.record(response.code(), scope);
    Listener heard = listener;
    String name = route.getMethod() + " " + route.getBaseRoute().getRoute();
    if (response.code() == 429) {
      heard.tooManyRequests(name, scope == null ? "unknown" : scope);
    }
    heard.waited(name, java.time.Duration.ofNanos(waitedNanos));
    observe(route, response);
  }

  /** A request on {@code route} goes to Discord now: its answer is unread until {@link #read}. */
  void sending(Route.CompiledRoute route) {
    unread.put(key(name(route), routeKeyOf(route.getMajorParameters())), new CompletableFuture<>());
  }

  /** The answer to the request on {@code route} has been read here (or there was none). */
  void read(Route.CompiledRoute route) {
    CompletableFuture<Void> read =
        unread.remove(key(name(route), routeKeyOf(route.getMajorParameters())));
    if (read != null) {
      read.complete(null);
    }
  }

  /**
   * Completes once the answer of the request in flight on {@code route} ("POST
   * channels/{channel_id}/messages") for {@code routeKey} has been read here — at once when none is
   * in flight. JDA hands a request's result to its callbacks before its rate limiter hands the
   * answer back here, so a gateway worker that settled a request as soon as its result came could
   * let another worker start the channel's next request before this one had shared the bucket the
   * answer emptied: a 429 between workers, one or two in a thousand sends on a busy machine.
   */
  public CompletableFuture<Void> read(String route, long routeKey) {
    CompletableFuture<Void> read = unread.get(key(route, routeKey));
    return read == null ? CompletableFuture.completedFuture(null) : read;
  }

  /** The channel or guild id of a bucket's major parameters ("channel_id=123"), or -1. */
  public static long routeKeyOf(String majorParameters) {
    Matcher m = MAJOR_ID.matcher(majorParameters == null ? "" : majorParameters);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static String name(Route.CompiledRoute route) {
    return route.getMethod() + " " + route.getBaseRoute().getRoute();
  }

  private static String key(String route, long routeKey) {
    return route + '|' + routeKey;
  }

  /** Hears every bucket an answer reports as emptied (a gateway worker shares them). */
  public void onEmpty(java.util.function.Consumer<Bucket> listener) {
    this.onEmpty = listener;
  }

  void observe(Route.CompiledRoute route, Response response) {
    sent.record();
    int code = response.code();
    if (code == 429) {
      rateLimited.record();
    }
    String limit = response.header(RestRateLimiter.LIMIT_HEADER);
    String remaining = response.header(RestRateLimiter.REMAINING_HEADER);
    String resetAfter = response.header(RestRateLimiter.RESET_AFTER_HEADER);
    if (limit == null || remaining == null || resetAfter == null) {
      return;
    }
    try {
      String name = route.getMethod() + " " + route.getBaseRoute().getRoute();
      Bucket bucket =
          new Bucket(
              name,
              route.getMajorParameters(),
              response.header(RestRateLimiter.HASH_HEADER),
              Integer.parseInt(limit),
              Integer.parseInt(remaining),
              Instant.now().plusMillis(resetAfterMillis(resetAfter)));
      synchronized (buckets) {
        buckets.put(name + "|" + bucket.resource(), bucket);
      }
      if (bucket.remaining() == 0) {
        onEmpty.accept(bucket);
      }
    } catch (NumberFormatException | ArithmeticException ignored) {
      // a malformed header says nothing useful about the bucket
    }
  }

  /**
   * {@code X-RateLimit-Reset-After} (seconds, to the millisecond) in whole milliseconds, rounded
   * up. Through a double, "1.001" became 1000 ms (and "2.002", "4.004" and hundreds more): a worker
   * told that a bucket refills 1 ms before it does sent another worker's next request into the old
   * window, a 429 on loopback, where the answer arrives in under a millisecond and hides nothing of
   * the error.
   */
  static long resetAfterMillis(String seconds) {
    return new BigDecimal(seconds.trim())
        .movePointRight(3)
        .setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }

  /** The buckets seen, most recently used last. */
  public List<Bucket> buckets() {
    synchronized (buckets) {
      return new ArrayList<>(buckets.values());
    }
  }
}
