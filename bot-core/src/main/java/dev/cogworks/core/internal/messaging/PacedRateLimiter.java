package dev.cogworks.core.internal.messaging;

import java.util.Set;
import java.util.function.Consumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.requests.RestRateLimiter;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.requests.SequentialRestRateLimiter;
import okhttp3.Response;

/**
 * JDA's own per-bucket rate limiter, with every request paced under the global limit before it is
 * sent (interaction responses and follow-ups are exempt: Discord does not count them against the
 * bot's global limit). Installed through {@code RestConfig.setRateLimiterFactory}, so it covers all
 * of the bot's REST traffic, not only cogs'.
 */
public final class PacedRateLimiter implements RestRateLimiter {
  /** Interaction routes, which Discord leaves out of the global limit. */
  private static final Set<Route> OUTSIDE_GLOBAL_LIMIT =
      Set.of(
          Route.Interactions.CALLBACK,
          Route.Interactions.CREATE_FOLLOWUP,
          Route.Interactions.EDIT_FOLLOWUP,
          Route.Interactions.DELETE_FOLLOWUP,
          Route.Interactions.GET_MESSAGE);

  private final RestRateLimiter delegate;
  private final RequestPacer pacer;
  private final Consumer<String> rateLimited;
  private final BucketObserver buckets;

  /**
   * {@code rateLimited} hears the scope of every 429 Discord answers, for the metrics; {@code
   * buckets} sees every answer's rate-limit headers, for the snapshot.
   */
  public PacedRateLimiter(
      RateLimitConfig config,
      RequestPacer pacer,
      Consumer<String> rateLimited,
      BucketObserver buckets) {
    this.delegate = new SequentialRestRateLimiter(config);
    this.pacer = pacer;
    this.rateLimited = rateLimited;
    this.buckets = buckets;
  }

  @Override
  public void enqueue(Work task) {
    delegate.enqueue(new PacedWork(task, pacer, rateLimited, buckets, System.nanoTime()));
  }

  @Override
  public void stop(boolean shutdown, Runnable callback) {
    delegate.stop(shutdown, callback);
  }

  @Override
  public boolean isStopped() {
    return delegate.isStopped();
  }

  @Override
  public int cancelRequests() {
    return delegate.cancelRequests();
  }

  /**
   * Waits for a global slot just before the request goes out. {@code enqueuedAt} measures how long
   * the rate limits held it (its bucket, the global budget, a 429's retry).
   */
  private record PacedWork(
      Work work,
      RequestPacer pacer,
      Consumer<String> rateLimited,
      BucketObserver buckets,
      long enqueuedAt)
      implements Work {
    @Override
    public Route.CompiledRoute getRoute() {
      return work.getRoute();
    }

    @Override
    public JDA getJDA() {
      return work.getJDA();
    }

    @Override
    public Response execute() {
      if (!OUTSIDE_GLOBAL_LIMIT.contains(getRoute().getBaseRoute())) {
        try {
          pacer.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          work.cancel();
          return null;
        }
      }
      long waited = System.nanoTime() - enqueuedAt;
      buckets.sending(getRoute());
      try {
        Response response = work.execute();
        if (response != null) {
          buckets.answered(getRoute(), response, waited);
          if (response.code() == 429) {
            rateLimited.accept(response.header(SCOPE_HEADER));
          }
        }
        return response;
      } finally {
        buckets.read(getRoute());
      }
    }

    @Override
    public boolean isSkipped() {
      return work.isSkipped();
    }

    @Override
    public boolean isDone() {
      return work.isDone();
    }

    @Override
    public boolean isPriority() {
      return work.isPriority();
    }

    @Override
    public boolean isCancelled() {
      return work.isCancelled();
    }

    @Override
    public void cancel() {
      work.cancel();
    }
  }
}
