package dev.cogworks.core.internal.relay;

import dev.cogworks.api.messaging.DiscordRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.requests.Route;

/**
 * Names a request's Discord rate-limit bucket the way {@code BucketObserver} names what answers
 * report ("POST channels/{channel_id}/messages"), so a worker can tell whether the bucket its next
 * request needs was emptied by another worker.
 */
public final class Buckets {
  private static final Pattern MAJOR_ID = Pattern.compile("=(\\d+)");

  private Buckets() {}

  static String of(DiscordRequest<?> request) {
    Route route;
    if (request instanceof DiscordRequest.SendMessage) {
      route = Route.Messages.SEND_MESSAGE;
    } else if (request instanceof DiscordRequest.EditMessage
        || request instanceof DiscordRequest.BatchUpdateMessages) {
      route = Route.Messages.EDIT_MESSAGE;
    } else if (request instanceof DiscordRequest.DeleteMessage) {
      route = Route.Messages.DELETE_MESSAGE;
    } else if (request instanceof DiscordRequest.FetchHistory) {
      route = Route.Messages.GET_MESSAGE_HISTORY;
    } else if (request instanceof DiscordRequest.FetchEmojis) {
      route = Route.Emojis.GET_EMOJIS;
    } else if (request instanceof DiscordRequest.AddRole) {
      route = Route.Guilds.ADD_MEMBER_ROLE;
    } else if (request instanceof DiscordRequest.RemoveRole) {
      route = Route.Guilds.REMOVE_MEMBER_ROLE;
    } else {
      return "";
    }
    return route.getMethod() + " " + route.getRoute();
  }

  /** The channel or guild id of a bucket's major parameters ("channel_id=123"), or -1. */
  public static long routeKey(String majorParameters) {
    Matcher m = MAJOR_ID.matcher(majorParameters == null ? "" : majorParameters);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
