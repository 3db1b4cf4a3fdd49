package dev.cogworks.role;

import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Gives or takes one role for one member, once the {@link Gatekeeper} allowed it: through the
 * {@link ChangeThrottle}, reading the member as Discord has them now, with an audit-log reason
 * naming who asked, taking the member's other roles of an exclusive group, and writing the change
 * to the server's mod-log channel when it has one.
 */
final class RoleChanger {
  /** The Discord calls a change makes, all through the MessagingQueue. */
  interface Discord {
    CompletableFuture<GuildMember> member(long guildId, long userId);

    CompletableFuture<Void> give(long guildId, long userId, long roleId, String reason);

    CompletableFuture<Void> take(long guildId, long userId, long roleId, String reason);

    CompletableFuture<?> log(long channelId, String line);
  }

  /**
   * One wish.
   *
   * @param actor who asked, as a mention for the mod-log ({@code <@id>}, or a word for the bot)
   * @param reason the audit-log reason: who asked and how
   */
  record Wish(long targetId, GuildRole role, boolean add, String actor, String reason) {
    Wish adding(boolean add) {
      return new Wish(targetId, role, add, actor, reason);
    }
  }

  private final Discord discord;
  private final ChangeThrottle throttle;

  RoleChanger(Discord discord, ChangeThrottle throttle) {
    this.discord = discord;
    this.throttle = throttle;
  }

  ChangeThrottle throttle() {
    return throttle;
  }

  CompletableFuture<Outcome> change(GuildView view, Setup setup, Wish wish) {
    var key = new ChangeThrottle.Key(view.guildId(), wish.targetId(), wish.role().id());
    return throttle.submit(key, wish.add(), add -> apply(view, setup, wish.adding(add)));
  }

  /**
   * Toggles {@code wish}'s role for its target: gives it unless the last wish (or, without one,
   * {@code hasNow}) was to have it; {@code wish.add()} is ignored.
   */
  CompletableFuture<Outcome> toggle(GuildView view, Setup setup, Wish wish, boolean hasNow) {
    var key = new ChangeThrottle.Key(view.guildId(), wish.targetId(), wish.role().id());
    return throttle.toggle(key, hasNow, add -> apply(view, setup, wish.adding(add)));
  }

  private CompletableFuture<Outcome> apply(GuildView view, Setup setup, Wish wish) {
    long guild = view.guildId();
    GuildRole role = wish.role();
    return discord
        .member(guild, wish.targetId())
        .thenCompose(
            member -> {
              boolean has = member.roleIds().contains(role.id());
              if (has == wish.add()) {
                return CompletableFuture.completedFuture(
                    Outcome.already(
                        (wish.add() ? "already had **" : "did not have **") + role.name() + "**"));
              }
              if (!wish.add()) {
                return discord
                    .take(guild, wish.targetId(), role.id(), wish.reason())
                    .thenApply(done -> Outcome.done("took **" + role.name() + "**"));
              }
              List<GuildRole> rivals = rivals(view, setup, member, role);
              CompletableFuture<Void> chain =
                  discord.give(guild, wish.targetId(), role.id(), wish.reason());
              for (GuildRole rival : rivals) {
                chain =
                    chain.thenCompose(
                        done ->
                            discord.take(
                                guild,
                                wish.targetId(),
                                rival.id(),
                                wish.reason() + "; exclusive with " + role.name()));
              }
              String text =
                  "gave **"
                      + role.name()
                      + "**"
                      + (rivals.isEmpty()
                          ? ""
                          : " (took "
                              + String.join(
                                  ", ", rivals.stream().map(r -> "**" + r.name() + "**").toList())
                              + ": one of its group at a time)");
              return chain.thenApply(done -> Outcome.done(text));
            })
        .thenCompose(outcome -> logged(setup, wish, outcome))
        .exceptionally(RoleChanger::failure);
  }

  /** The member's other roles of {@code role}'s exclusive group. */
  private static List<GuildRole> rivals(
      GuildView view, Setup setup, GuildMember member, GuildRole role) {
    Optional<Map.Entry<String, List<Long>>> group = setup.groupOf(role.id());
    List<GuildRole> rivals = new ArrayList<>();
    group.ifPresent(
        g ->
            g.getValue().stream()
                .filter(id -> id != role.id() && member.roleIds().contains(id))
                .forEach(id -> view.role(id).ifPresent(rivals::add)));
    return rivals;
  }

  private CompletableFuture<Outcome> logged(Setup setup, Wish wish, Outcome outcome) {
    if (!outcome.changed() || setup.modlogChannel() == null) {
      return CompletableFuture.completedFuture(outcome);
    }
    String line =
        "🛡️ "
            + wish.actor()
            + (wish.add() ? " gave **" : " took **")
            + wish.role().name()
            + (wish.add() ? "** to <@" : "** from <@")
            + wish.targetId()
            + "> — "
            + wish.reason();
    // the log is a record of what happened, not part of it: a log that fails changes no outcome
    return discord.log(setup.modlogChannel(), line).handle((sent, failure) -> outcome);
  }

  private static Outcome failure(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof DiscordRequestException e) {
      if (e.code() == 10007) {
        return Outcome.refused("not a member of this server");
      }
      if (e.code() == DiscordRequestException.MISSING_PERMISSIONS) {
        return Outcome.failed("Discord refused it (Missing Permissions)");
      }
      return Outcome.failed("Discord answered " + e.status() + " / " + e.code());
    }
    return Outcome.failed(cause.getClass().getSimpleName());
  }
}
