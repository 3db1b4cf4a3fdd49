package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandSpec;
import java.util.List;

/** The platform's own commands: {@code ping} and {@code help}. */
public final class BuiltinCommands {
  public static final String COG = "core";

  private final CommandRegistry registry;
  private final Owners owners;

  public BuiltinCommands(CommandRegistry registry, Owners owners) {
    this.registry = registry;
    this.owners = owners;
  }

  public List<CommandSpec> commands() {
    return List.of(
        new PingCommand().spec(), new HelpCommand(registry, new CommandAccess(owners)).spec());
  }
}
