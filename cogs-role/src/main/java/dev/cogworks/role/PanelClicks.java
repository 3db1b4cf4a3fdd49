package dev.cogworks.role;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.Reply;
import dev.cogworks.api.component.ComponentInvocation;
import dev.cogworks.api.messaging.Results.GuildRole;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Clicks on the panel: a button toggles its role for the one who clicked, a select menu toggles
 * each role picked. Only self-serve roles, only for the clicker; the answer is theirs alone. A
 * toggle starts from the wish still waiting in the {@link ChangeThrottle}, so quick clicks
 * alternate as the person meant.
 */
final class PanelClicks {
  static final String TOGGLE = "toggle";
  static final String PICK = "pick";

  private final RoleCog cog;

  PanelClicks(RoleCog cog) {
    this.cog = cog;
  }

  CompletionStage<?> toggle(ComponentInvocation click) {
    return run(click, List.of(click.payload()));
  }

  CompletionStage<?> pick(ComponentInvocation click) {
    return run(click, click.values());
  }

  private CompletionStage<?> run(ComponentInvocation click, List<String> roleIds) {
    if (click.guild() == null || click.member() == null) {
      return click.reply(Reply.of("Panels work in servers only.").asEphemeral());
    }
    long guild = click.guild().getIdLong();
    Caller caller = Caller.of(click.member());
    return cog.view(guild)
        .thenCompose(
            view -> {
              Setup setup = cog.setups().of(guild);
              try {
                cog.requireAccess(view, setup, caller);
              } catch (CommandException e) {
                return click.reply(Reply.of(e.getMessage()).asEphemeral());
              }
              List<CompletableFuture<String>> lines = new ArrayList<>();
              for (String raw : roleIds) {
                lines.add(one(view, setup, caller, raw));
              }
              return Futures.all(lines)
                  .thenCompose(
                      results -> click.reply(Reply.of(String.join("\n", results)).asEphemeral()));
            });
  }

  private CompletableFuture<String> one(GuildView view, Setup setup, Caller caller, String raw) {
    long id;
    try {
      id = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      return CompletableFuture.completedFuture("⛔ not a role");
    }
    GuildRole role = view.role(id).orElse(null);
    if (role == null) {
      return CompletableFuture.completedFuture("⛔ that role no longer exists");
    }
    if (!setup.selfServe().contains(id)) {
      return CompletableFuture.completedFuture("⛔ **" + role.name() + "** is no longer self-serve");
    }
    var refusal = Gatekeeper.refusal(view, setup, caller, caller.userId(), role);
    if (refusal.isPresent()) {
      return CompletableFuture.completedFuture("⛔ not allowed: " + refusal.get());
    }
    return cog.changer()
        .toggle(
            view,
            setup,
            new RoleChanger.Wish(
                caller.userId(),
                role,
                true,
                "<@" + caller.userId() + ">",
                "role panel by " + caller.describe()),
            caller.roleIds().contains(id))
        .thenApply(o -> ChangeCommand.symbol(o) + " " + o.text());
  }
}
