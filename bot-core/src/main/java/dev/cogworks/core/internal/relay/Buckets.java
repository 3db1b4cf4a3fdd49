package dev.cogworks.core.internal.relay;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.core.internal.messaging.BucketObserver;
import dev.cogworks.core.internal.messaging.RoleRequests;
import net.dv8tion.jda.api.requests.Route;

/**
 * Names a request's Discord rate-limit bucket the way {@code BucketObserver} names what answers
 * report ("POST channels/{channel_id}/messages"), so a worker can tell whether the bucket its next
 * request needs was emptied by another worker. Interaction webhooks have buckets per interaction,
 * which no other worker shares, so they name none.
 */
public final class Buckets implements DiscordRequest.Visitor<Route> {
  private static final Buckets ROUTES = new Buckets();

  private Buckets() {}

  static String of(DiscordRequest<?> request) {
    Route route = request.accept(ROUTES);
    return route == null ? "" : route.getMethod() + " " + route.getRoute();
  }

  /** The channel or guild id of a bucket's major parameters ("channel_id=123"), or -1. */
  public static long routeKey(String majorParameters) {
    return BucketObserver.routeKeyOf(majorParameters);
  }

  @Override
  public Route sendMessage(DiscordRequest.SendMessage request) {
    return Route.Messages.SEND_MESSAGE;
  }

  @Override
  public Route editMessage(DiscordRequest.EditMessage request) {
    return Route.Messages.EDIT_MESSAGE;
  }

  @Override
  public Route deleteMessage(DiscordRequest.DeleteMessage request) {
    return Route.Messages.DELETE_MESSAGE;
  }

  @Override
  public Route fetchChannelHistory(DiscordRequest.FetchChannelHistory request) {
    return Route.Messages.GET_MESSAGE_HISTORY;
  }

  @Override
  public Route fetchGuildEmojis(DiscordRequest.FetchGuildEmojis request) {
    return Route.Emojis.GET_EMOJIS;
  }

  @Override
  public Route batchUpdateMessages(DiscordRequest.BatchUpdateMessages request) {
    return Route.Messages.EDIT_MESSAGE;
  }

  @Override
  public Route listRoles(DiscordRequest.ListRoles request) {
    return null; // read from the worker's gateway cache, no REST call
  }

  @Override
  public Route addRole(DiscordRequest.AddRole request) {
    return Route.Guilds.ADD_MEMBER_ROLE;
  }

  @Override
  public Route removeRole(DiscordRequest.RemoveRole request) {
    return Route.Guilds.REMOVE_MEMBER_ROLE;
  }

  @Override
  public Route fetchMember(DiscordRequest.FetchMember request) {
    // the bot's own membership is read from the worker's cache
    return request.userId() == DiscordRequest.FetchMember.BOT ? null : Route.Guilds.GET_MEMBER;
  }

  @Override
  public Route listRoleMembers(DiscordRequest.ListRoleMembers request) {
    return RoleRequests.LIST_MEMBERS;
  }

  @Override
  public Route editInteractionResponse(DiscordRequest.EditInteractionResponse request) {
    return null;
  }

  @Override
  public Route sendFollowup(DiscordRequest.SendFollowup request) {
    return null;
  }

  @Override
  public Route deleteInteractionResponse(DiscordRequest.DeleteInteractionResponse request) {
    return null;
  }

  @Override
  public Route executeWebhook(DiscordRequest.ExecuteWebhook request) {
    return Route.Webhooks.EXECUTE_WEBHOOK;
  }
}
