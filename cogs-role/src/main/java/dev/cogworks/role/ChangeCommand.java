package dev.cogworks.role;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.messaging.Results.GuildRole;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code role add|remove <role> [users…]}: for the caller when no user is named, else for each
 * named member, with one result line each (done, already had it, not allowed and why).
 */
final class ChangeCommand {
  /** Enough for a handful of people at once; more is a job for a bot of its own. */
  static final int MAX_USERS = 25;

  private final RoleCog cog;

  ChangeCommand(RoleCog cog) {
    this.cog = cog;
  }

  CompletionStage<?> run(CommandInvocation inv, boolean add) {
    long guild = inv.guild().getIdLong();
    Caller caller = Caller.of(inv.member());
    String verb = add ? "role add" : "role remove";
    return cog.view(guild)
        .thenCompose(
            view -> {
              Setup setup = cog.setups().of(guild);
              cog.requireAccess(view, setup, caller);
              GuildRole role = RoleNames.role(view, inv.string("role").orElseThrow());
              List<Long> targets =
                  inv.string("users")
                      .filter(s -> !s.isBlank())
                      .map(RoleNames::users)
                      .orElse(List.of(caller.userId()));
              if (targets.size() > MAX_USERS) {
                throw new CommandException("At most " + MAX_USERS + " members at once.");
              }
              List<CompletableFuture<String>> lines = new ArrayList<>();
              for (long target : targets) {
                lines.add(
                    outcome(view, setup, caller, target, role, add, verb)
                        .thenApply(o -> "<@" + target + ">: " + symbol(o) + " " + o.text()));
              }
              return Futures.all(lines)
                  .thenCompose(
                      results -> Replies.pages(inv, Pages.of(verb + " " + role.name(), results)));
            });
  }

  private CompletableFuture<Outcome> outcome(
      GuildView view,
      Setup setup,
      Caller caller,
      long target,
      GuildRole role,
      boolean add,
      String verb) {
    var refusal = Gatekeeper.refusal(view, setup, caller, target, role);
    if (refusal.isPresent()) {
      return CompletableFuture.completedFuture(Outcome.refused(refusal.get()));
    }
    return cog.changer()
        .change(
            view,
            setup,
            new RoleChanger.Wish(
                target,
                role,
                add,
                "<@" + caller.userId() + ">",
                verb + " by " + caller.describe()));
  }

  static String symbol(Outcome o) {
    return switch (o.kind()) {
      case DONE -> "✅";
      case ALREADY -> "➖";
      case REFUSED -> "⛔";
      case FAILED -> "⚠️";
    };
  }
}
