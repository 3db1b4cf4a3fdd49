package dev.cogworks.core.internal.command;

import dev.cogworks.api.Cog;
import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandGroup;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.component.ComponentSpec;
import dev.cogworks.core.internal.data.UserDataRegistry;
import dev.cogworks.core.internal.settings.CogSwitches;
import dev.cogworks.core.internal.settings.SettingsCatalog;
import dev.cogworks.core.internal.settings.SettingsStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import net.dv8tion.jda.api.entities.Guild;

/**
 * The platform's own commands, always on: {@code ping}, {@code help}, a server's {@code settings}
 * and {@code cog} switches, everyone's {@code mydata}, and the owners' {@code cogworks}.
 */
public final class BuiltinCommands {
  public static final String COG = "core";

  private final CommandRegistry registry;
  private final Owners owners;
  private final ServerRules rules;
  private final SettingsCatalog catalog;
  private final SettingsStore settings;
  private final CogSwitches switches;
  private final Supplier<List<Cog>> running;
  private final Function<Guild, CompletableFuture<Boolean>> resync;
  private final UserDataRegistry userData;
  private final MyDataCommand myData;

  public BuiltinCommands(
      CommandRegistry registry,
      Owners owners,
      ServerRules rules,
      SettingsCatalog catalog,
      SettingsStore settings,
      CogSwitches switches,
      Supplier<List<Cog>> running,
      Function<Guild, CompletableFuture<Boolean>> resync,
      UserDataRegistry userData) {
    this.registry = registry;
    this.owners = owners;
    this.rules = rules;
    this.catalog = catalog;
    this.settings = settings;
    this.switches = switches;
    this.running = running;
    this.resync = resync;
    this.userData = userData;
    this.myData = new MyDataCommand(userData, Clock.systemUTC());
  }

  public List<CommandSpec> commands() {
    return List.of(
        new PingCommand().spec(),
        new HelpCommand(registry, new CommandAccess(owners, rules)).spec(),
        new SettingsCommand(catalog, settings, switches).spec(),
        new CogCommand(switches, running, registry, resync).spec(),
        myData.spec());
  }

  /**
   * {@code cogworks}: the owners' {@code forget-user} and the operator's {@code more} (status,
   * pause, dead letters), registered once the messaging they operate exists.
   */
  public CommandSpec cogworks(List<CommandSpec> more, List<CommandGroup> groups) {
    return new CogworksCommand(userData).spec(more, groups);
  }

  public List<ComponentSpec> components() {
    return List.of(myData.component());
  }

  /** The server a command ran in; server-only commands refuse elsewhere. */
  static Guild guildOf(CommandInvocation invocation) {
    if (invocation.guild() == null) {
      throw new CommandException("`" + invocation.commandName() + "` works in a server only.");
    }
    return invocation.guild();
  }
}
