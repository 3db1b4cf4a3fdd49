package dev.cogworks.role;

import dev.cogworks.api.command.CommandInvocation;
import java.util.concurrent.CompletionStage;

/** {@code role panel}: posts the self-serve role panel in this channel (the previous one goes). */
final class PanelCommand {
  private final RoleCog cog;

  PanelCommand(RoleCog cog) {
    this.cog = cog;
  }

  CompletionStage<?> post(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    return cog.panels()
        .post(guild, inv.channelId())
        .thenCompose(
            made ->
                inv.reply(
                    "Panel posted ("
                        + made.size()
                        + " message"
                        + (made.size() == 1 ? "" : "s")
                        + "); it follows `role self-serve` changes."));
  }
}
