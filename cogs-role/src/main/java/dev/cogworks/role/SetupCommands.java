package dev.cogworks.role;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.messaging.Results.GuildRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;

/**
 * The server's role setup, for members with Manage Roles: self-serve roles, managers, exclusive
 * groups, autoroles, hidden roles, the required role, the mod-log channel, and {@code role config}
 * to see it all. Every change is written to PostgreSQL before it is answered, and the panel follows
 * changes to the self-serve roles.
 */
final class SetupCommands {
  private final RoleCog cog;

  SetupCommands(RoleCog cog) {
    this.cog = cog;
  }

  CompletionStage<?> selfServe(CommandInvocation inv, boolean on) {
    long guild = inv.guild().getIdLong();
    Caller caller = Caller.of(inv.member());
    boolean force = inv.bool("force").orElse(false);
    return withRole(
        inv,
        "role",
        (view, role) -> {
          String warning = on ? dangerCheck(caller, role, force, "self-serve") : "";
          if (on) {
            refuseIf(Gatekeeper.configRefusal(view, caller, role));
          }
          return save(
                  guild,
                  store -> store.selfServe(guild, role.id(), on, !warning.isEmpty()),
                  s -> s.withSelfServe(role.id(), on, !warning.isEmpty()))
              .thenCompose(setup -> cog.panels().refresh(guild))
              .thenCompose(
                  done ->
                      inv.reply(
                          warning
                              + (on
                                  ? "**"
                                      + role.name()
                                      + "** is self-serve: members take it with"
                                      + " `role add "
                                      + role.name()
                                      + "` or the panel."
                                  : "**" + role.name() + "** is no longer self-serve.")));
        });
  }

  CompletionStage<?> managers(CommandInvocation inv, boolean on) {
    long guild = inv.guild().getIdLong();
    Caller caller = Caller.of(inv.member());
    boolean force = inv.bool("force").orElse(false);
    return cog.view(guild)
        .thenCompose(
            view -> {
              GuildRole manager = RoleNames.role(view, inv.string("manager").orElseThrow());
              GuildRole managed = RoleNames.role(view, inv.string("managed").orElseThrow());
              String warning = on ? dangerCheck(caller, managed, force, "managed") : "";
              if (on) {
                refuseIf(Gatekeeper.configRefusal(view, caller, managed));
              }
              return cog.ctx()
                  .blocking(
                      () ->
                          cog.setups()
                              .change(
                                  guild,
                                  store ->
                                      store.manager(
                                          guild,
                                          manager.id(),
                                          managed.id(),
                                          on,
                                          !warning.isEmpty()),
                                  s -> s.withManager(manager.id(), managed.id(), on)))
                  .thenCompose(
                      setup ->
                          inv.reply(
                              warning
                                  + (on
                                      ? "Members of **"
                                          + manager.name()
                                          + "** may now give **"
                                          + managed.name()
                                          + "** to others."
                                      : "Members of **"
                                          + manager.name()
                                          + "** no longer give **"
                                          + managed.name()
                                          + "**.")));
            });
  }

  CompletionStage<?> groupSet(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    String name = inv.string("name").orElseThrow().strip().toLowerCase(Locale.ROOT);
    return cog.view(guild)
        .thenCompose(
            view -> {
              List<GuildRole> roles = RoleNames.roles(view, inv.string("roles").orElseThrow());
              if (roles.size() < 2) {
                throw new CommandException("A group needs at least two roles.");
              }
              List<Long> ids = roles.stream().map(GuildRole::id).toList();
              return save(
                      guild, store -> store.group(guild, name, ids), s -> s.withGroup(name, ids))
                  .thenCompose(
                      setup ->
                          inv.reply(
                              "Group **"
                                  + name
                                  + "**: "
                                  + names(roles)
                                  + ". Taking one of them drops the others."));
            });
  }

  CompletionStage<?> groupClear(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    String name = inv.string("name").orElseThrow().strip().toLowerCase(Locale.ROOT);
    if (!cog.setups().of(guild).groups().containsKey(name)) {
      throw new CommandException("There is no group **" + name + "**.");
    }
    return save(
            guild, store -> store.group(guild, name, List.of()), s -> s.withGroup(name, List.of()))
        .thenCompose(setup -> inv.reply("Group **" + name + "** is gone."));
  }

  CompletionStage<?> autorole(CommandInvocation inv, boolean on) {
    long guild = inv.guild().getIdLong();
    Caller caller = Caller.of(inv.member());
    return withRole(
        inv,
        "role",
        (view, role) -> {
          if (on) {
            refuseIf(Gatekeeper.configRefusal(view, caller, role));
            String danger = String.join(", ", cog.config().dangerIn(role.permissions()));
            if (!danger.isEmpty()) {
              throw new CommandException(
                  "**"
                      + role.name()
                      + "** carries "
                      + danger
                      + "; it cannot go to everyone who joins.");
            }
          }
          return save(
                  guild,
                  store -> store.autorole(guild, role.id(), on),
                  s -> s.withAutorole(role.id(), on))
              .thenCompose(
                  setup ->
                      inv.reply(
                          on
                              ? "Everyone who joins gets **" + role.name() + "**."
                              : "**" + role.name() + "** is no longer given on join."));
        });
  }

  /** Writes a change to the server's setup off the event threads; completes with the new setup. */
  private CompletionStage<Setup> save(
      long guild, Consumer<RoleStore> write, UnaryOperator<Setup> change) {
    return cog.ctx().blocking(() -> cog.setups().change(guild, write, change));
  }

  CompletionStage<?> hide(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    return withRole(
        inv,
        "role",
        (view, role) -> {
          boolean hide = !cog.setups().of(guild).hidden().contains(role.id());
          return save(
                  guild,
                  store -> store.hidden(guild, role.id(), hide),
                  s -> s.withHidden(role.id(), hide))
              .thenCompose(
                  setup ->
                      inv.reply(
                          hide
                              ? "**" + role.name() + "** is hidden from `role list`."
                              : "**" + role.name() + "** shows in `role list` again."));
        });
  }

  CompletionStage<?> require(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    return cog.view(guild)
        .thenCompose(
            view -> {
              GuildRole role =
                  inv.string("role")
                      .filter(s -> !s.isBlank())
                      .map(t -> RoleNames.role(view, t))
                      .orElse(null);
              Long id = role == null ? null : role.id();
              return save(guild, store -> store.required(guild, id), s -> s.withRequired(id))
                  .thenCompose(
                      setup ->
                          inv.reply(
                              role == null
                                  ? "Anyone may use role commands here."
                                  : "Only members with **"
                                      + role.name()
                                      + "** (and those with Manage Roles) may use role commands."));
            });
  }

  CompletionStage<?> modlog(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    Long channel = inv.channel("channel").map(GuildChannel::getIdLong).orElse(null);
    return save(guild, store -> store.modlog(guild, channel), s -> s.withModlog(channel))
        .thenCompose(
            setup ->
                inv.reply(
                    channel == null
                        ? "Role changes are no longer logged in a channel."
                        : "Role changes are logged in <#" + channel + ">."));
  }

  CompletionStage<?> show(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    return cog.view(guild)
        .thenCompose(
            view -> {
              Setup s = cog.setups().of(guild);
              Function<Set<Long>, String> roles =
                  ids ->
                      ids.isEmpty()
                          ? "(none)"
                          : String.join(
                              ", ",
                              view.roles().stream()
                                  .filter(r -> ids.contains(r.id()))
                                  .map(
                                      r ->
                                          "**"
                                              + r.name()
                                              + "**"
                                              + (s.forced().contains(r.id()) ? " (forced)" : ""))
                                  .toList());
              List<String> lines = new ArrayList<>();
              lines.add("Self-serve: " + roles.apply(s.selfServe()));
              List<String> managers = new ArrayList<>();
              for (Map.Entry<Long, Set<Long>> e : s.managers().entrySet()) {
                managers.add(roles.apply(Set.of(e.getKey())) + " → " + roles.apply(e.getValue()));
              }
              lines.add(
                  "Managers: " + (managers.isEmpty() ? "(none)" : String.join("; ", managers)));
              List<String> groups = new ArrayList<>();
              s.groups().forEach((n, ids) -> groups.add(n + ": " + roles.apply(Set.copyOf(ids))));
              lines.add(
                  "Exclusive groups: " + (groups.isEmpty() ? "(none)" : String.join("; ", groups)));
              lines.add("Autoroles: " + roles.apply(s.autoroles()));
              lines.add("Hidden: " + roles.apply(s.hidden()));
              lines.add(
                  "Required: "
                      + (s.requiredRole() == null
                          ? "(anyone)"
                          : roles.apply(Set.of(s.requiredRole()))));
              lines.add(
                  "Mod-log: "
                      + (s.modlogChannel() == null ? "(none)" : "<#" + s.modlogChannel() + ">"));
              lines.add(
                  "Panel: "
                      + (s.panel().isEmpty()
                          ? "(none)"
                          : s.panel().size()
                              + " message(s) in <#"
                              + s.panel().get(0).channelId()
                              + ">"));
              return Replies.pages(inv, Pages.of("Role setup", lines));
            });
  }

  /**
   * A warning when {@code role} carries dangerous permissions and an administrator forced it;
   * refused without {@code force}, or when the one forcing is not an administrator.
   */
  private String dangerCheck(Caller caller, GuildRole role, boolean force, String what) {
    List<String> danger = cog.config().dangerIn(role.permissions());
    if (danger.isEmpty()) {
      return "";
    }
    String carries = "**" + role.name() + "** carries " + String.join(", ", danger);
    if (!force) {
      throw new CommandException(
          "⚠️ "
              + carries
              + ": made "
              + what
              + ", it would hand those out. An administrator may insist with `force: true`.");
    }
    if (!caller.admin()) {
      throw new CommandException("⚠️ " + carries + ": only an administrator can force it.");
    }
    return "⚠️ Forced: " + carries + ", and is now " + what + ".\n";
  }

  private static void refuseIf(java.util.Optional<String> refusal) {
    refusal.ifPresent(
        why -> {
          throw new CommandException("Not allowed: " + why + ".");
        });
  }

  private CompletableFuture<?> withRole(
      CommandInvocation inv,
      String option,
      java.util.function.BiFunction<GuildView, GuildRole, CompletionStage<?>> then) {
    long guild = inv.guild().getIdLong();
    return cog.view(guild)
        .thenCompose(
            view -> then.apply(view, RoleNames.role(view, inv.string(option).orElseThrow())));
  }

  private static String names(List<GuildRole> roles) {
    return String.join(", ", roles.stream().map(r -> "**" + r.name() + "**").toList());
  }
}
