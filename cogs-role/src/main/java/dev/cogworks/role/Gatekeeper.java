package dev.cogworks.role;

import dev.cogworks.api.messaging.Results.GuildRole;
import java.util.Optional;

/**
 * Who may give whom which role. In order: what the bot itself cannot do (Discord would refuse it
 * with 403, so the cog says why instead); self-serve roles, for the caller alone; administrators;
 * then nobody hands out a role at or above their own highest role; then Manage Roles or a manager
 * role for it.
 */
final class Gatekeeper {
  private Gatekeeper() {}

  /** Why {@code caller} may not give (or take) {@code role} to {@code targetId}, if not. */
  static Optional<String> refusal(
      GuildView view, Setup setup, Caller caller, long targetId, GuildRole role) {
    Optional<String> bot = view.botCannot(role);
    if (bot.isPresent()) {
      return bot;
    }
    boolean self = targetId == caller.userId();
    boolean selfServe = setup.selfServe().contains(role.id());
    if (self && selfServe) {
      return Optional.empty();
    }
    if (caller.admin()) {
      return Optional.empty();
    }
    boolean manages = caller.manageRoles() || setup.managedBy(caller.roleIds()).contains(role.id());
    if (!manages) {
      if (selfServe) {
        return Optional.of("**" + role.name() + "** is self-serve: members take it themselves");
      }
      return Optional.of(
          self
              ? "**" + role.name() + "** is not self-serve"
              : "you may not give **" + role.name() + "** to others");
    }
    if (role.position() >= view.highest(caller.roleIds())) {
      return Optional.of("**" + role.name() + "** is at or above your highest role");
    }
    return Optional.empty();
  }

  /**
   * Why {@code caller} may not configure {@code role} (make it self-serve, managed, an autorole):
   * the same ceiling, so that Manage Roles cannot be used to hand oneself a higher role.
   */
  static Optional<String> configRefusal(GuildView view, Caller caller, GuildRole role) {
    Optional<String> bot = view.botCannot(role);
    if (bot.isPresent()) {
      return bot;
    }
    if (!caller.admin() && role.position() >= view.highest(caller.roleIds())) {
      return Optional.of("**" + role.name() + "** is at or above your highest role");
    }
    return Optional.empty();
  }
}
