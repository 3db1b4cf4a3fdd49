package dev.cogworks.role;

import dev.cogworks.api.CogContext;
import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.component.ComponentSpec;
import dev.cogworks.api.data.ServerData;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.api.messaging.SendOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The role cog: self-serve roles, roles handed out by managers, role listings, a role panel,
 * exclusive groups and autoroles, each change checked by the {@link Gatekeeper} so nobody gains a
 * role above their station. Wiring only; every Discord call goes through the MessagingQueue.
 */
public final class RoleCog extends CogHelper implements ServerData {
  private volatile RoleConfig config;
  private volatile ServerSetups setups;
  private volatile RoleChanger changer;
  private volatile Panels panels;
  private volatile ScheduledExecutorService timer;

  @Override
  public String name() {
    return "role";
  }

  @Override
  public String description() {
    return "Self-serve and managed roles, role listings and a role panel";
  }

  @Override
  protected void onLoad() {
    config = RoleConfig.from(context().config());
    setups = new ServerSetups(new RoleStore(context().jdbi()));
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "role-throttle");
              t.setDaemon(true);
              return t;
            });
    changer =
        new RoleChanger(new QueuedDiscord(), new ChangeThrottle(config.changeInterval(), timer));
    panels = new Panels(this);
  }

  @Override
  public void unload() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  @Override
  public List<CommandSpec> commands() {
    return List.of(new RoleCommand(this).spec());
  }

  @Override
  public List<ComponentSpec> components() {
    PanelClicks clicks = new PanelClicks(this);
    return List.of(
        ComponentSpec.of(PanelClicks.TOGGLE, clicks::toggle),
        ComponentSpec.of(PanelClicks.PICK, clicks::pick));
  }

  @Override
  public List<Object> listeners() {
    return List.of(new AutoroleListener(this));
  }

  @Override
  public Optional<ServerData> serverData() {
    return Optional.of(this);
  }

  @Override
  public void deleteServer(long guildId) {
    setups.dropServer(guildId);
  }

  // ---- for the commands, clicks and listeners, once loaded ----

  CogContext ctx() {
    return context();
  }

  RoleConfig config() {
    return config;
  }

  ServerSetups setups() {
    return setups;
  }

  RoleChanger changer() {
    return changer;
  }

  Panels panels() {
    return panels;
  }

  /** The server's roles and the bot's membership, both through the MessagingQueue. */
  CompletableFuture<GuildView> view(long guildId) {
    return listRoles(guildId)
        .thenCombine(botMember(guildId), (roles, bot) -> new GuildView(guildId, roles, bot));
  }

  /** A member as Discord has them now. */
  CompletableFuture<GuildMember> member(long guildId, long userId) {
    return fetchMember(guildId, userId);
  }

  CompletableFuture<List<GuildMember>> membersWith(long guildId, long roleId) {
    return listRoleMembers(guildId, roleId);
  }

  CompletableFuture<SentMessage> send(long channelId, String content, SendOptions options) {
    return sendMessage(channelId, content, options);
  }

  CompletableFuture<Void> edit(DiscordRequest.EditMessage edit) {
    return context().messaging().submit(edit);
  }

  CompletableFuture<Void> delete(long channelId, long messageId) {
    return deleteMessage(channelId, messageId);
  }

  String id(String handler, String payload) {
    return componentId(handler, payload);
  }

  /**
   * Refuses callers without the server's required role (`role require`); members with Manage Roles
   * or Administrator pass, so that nobody locks the managers out.
   */
  void requireAccess(GuildView view, Setup setup, Caller caller) {
    Long required = setup.requiredRole();
    if (required == null || caller.admin() || caller.manageRoles()) {
      return;
    }
    if (!caller.roleIds().contains(required)) {
      String name = view.role(required).map(r -> "**" + r.name() + "**").orElse("a role");
      throw new CommandException("You need " + name + " to use role commands here.");
    }
  }

  /** The cog's Discord calls for {@link RoleChanger}. */
  private final class QueuedDiscord implements RoleChanger.Discord {
    @Override
    public CompletableFuture<GuildMember> member(long guildId, long userId) {
      return fetchMember(guildId, userId);
    }

    @Override
    public CompletableFuture<Void> give(long guildId, long userId, long roleId, String reason) {
      return addRole(guildId, userId, roleId, reason);
    }

    @Override
    public CompletableFuture<Void> take(long guildId, long userId, long roleId, String reason) {
      return removeRole(guildId, userId, roleId, reason);
    }

    @Override
    public CompletableFuture<?> log(long channelId, String line) {
      return sendMessage(channelId, line);
    }
  }
}
