package dev.cogworks.sim.rest;

import dev.cogworks.sim.model.Snowflakes;
import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Limits that depend on the age of the message a route addresses, which Discord reads from the
 * message id: deleting one older than 14 days counts in its own bucket, editing one older than an
 * hour also counts toward the 30046 limit.
 */
final class MessageAgeLimits {
  static final String DELETE_MESSAGE = "DELETE /channels/{channel_id}/messages/{message_id}";
  static final String EDIT_MESSAGE = "PATCH /channels/{channel_id}/messages/{message_id}";
  private static final Duration OLD_DELETE = Duration.ofDays(14);
  private static final Duration OLD_EDIT = Duration.ofHours(1);

  private MessageAgeLimits() {}

  /** The policy key whose bucket a request counts in: the route, or its old-message variant. */
  static String bucketRoute(String route, Context ctx, Clock clock) {
    if (route.equals(DELETE_MESSAGE) && olderThan(ctx, clock, OLD_DELETE)) {
      return RateLimitPolicy.OLD_MESSAGE_DELETE;
    }
    return route;
  }

  /** Whether the request edits a channel message older than an hour. */
  static boolean editsOldMessage(String route, Context ctx, Clock clock) {
    return route.equals(EDIT_MESSAGE) && olderThan(ctx, clock, OLD_EDIT);
  }

  private static boolean olderThan(Context ctx, Clock clock, Duration age) {
    try {
      long id = Long.parseUnsignedLong(ctx.pathParam("message_id"));
      Instant created = Snowflakes.instantOf(id);
      return created.isBefore(clock.instant().minus(age));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
