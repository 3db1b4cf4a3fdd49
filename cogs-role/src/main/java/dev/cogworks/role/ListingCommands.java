package dev.cogworks.role;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.api.messaging.Results.GuildMember;
import dev.cogworks.api.messaging.Results.GuildRole;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** {@code role list}, {@code role users <role>} and {@code role available}: what there is. */
final class ListingCommands {
  private final RoleCog cog;

  ListingCommands(RoleCog cog) {
    this.cog = cog;
  }

  /** Every role but hidden ones and {@code @everyone}, highest first, paged with numbers. */
  CompletionStage<?> list(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    Caller caller = Caller.of(inv.member());
    return cog.view(guild)
        .thenCompose(
            view -> {
              Setup setup = cog.setups().of(guild);
              cog.requireAccess(view, setup, caller);
              List<String> lines = new ArrayList<>();
              for (GuildRole r : view.roles()) {
                if (r.isEveryone(guild) || setup.hidden().contains(r.id())) {
                  continue;
                }
                lines.add(line(r, setup));
              }
              return Replies.pages(
                  inv, Pages.of("Roles of this server (" + lines.size() + ")", lines));
            });
  }

  private static String line(GuildRole r, Setup setup) {
    List<String> tags = new ArrayList<>();
    if (setup.selfServe().contains(r.id())) {
      tags.add("self-serve");
    }
    if (r.managed()) {
      tags.add("managed");
    }
    if (r.color() != 0) {
      tags.add(String.format("#%06X", r.color()));
    }
    return "`"
        + r.position()
        + "` **"
        + r.name()
        + "** `"
        + r.id()
        + "`"
        + (tags.isEmpty() ? "" : " · " + String.join(" · ", tags));
  }

  CompletionStage<?> users(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    Caller caller = Caller.of(inv.member());
    return cog.view(guild)
        .thenCompose(
            view -> {
              Setup setup = cog.setups().of(guild);
              cog.requireAccess(view, setup, caller);
              GuildRole role = RoleNames.role(view, inv.string("role").orElseThrow());
              return cog.membersWith(guild, role.id())
                  .exceptionally(ListingCommands::memberListRefused)
                  .thenCompose(
                      members -> {
                        List<String> lines = new ArrayList<>();
                        for (GuildMember m : members) {
                          lines.add(
                              "<@" + m.userId() + "> " + m.name() + (m.bot() ? " (bot)" : ""));
                        }
                        return Replies.pages(
                            inv,
                            Pages.of(
                                "Members of " + role.name() + " (" + members.size() + ")", lines));
                      });
            });
  }

  /** Discord's 50001 here means the application's Server Members switch is off. */
  private static List<GuildMember> memberListRefused(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof DiscordRequestException e
        && e.code() == DiscordRequestException.MISSING_ACCESS) {
      throw new CommandException(
          "I cannot read the member list: the bot's Server Members intent is off in the"
              + " developer portal.");
    }
    throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
  }

  /** Two sections: what the caller may take themselves, and what they may give others. */
  CompletionStage<?> available(CommandInvocation inv) {
    long guild = inv.guild().getIdLong();
    Caller caller = Caller.of(inv.member());
    return cog.view(guild)
        .thenCompose(
            view -> {
              Setup setup = cog.setups().of(guild);
              cog.requireAccess(view, setup, caller);
              List<String> self = new ArrayList<>();
              List<String> others = new ArrayList<>();
              for (GuildRole r : view.assignable()) {
                if (setup.selfServe().contains(r.id())
                    && Gatekeeper.refusal(view, setup, caller, caller.userId(), r).isEmpty()) {
                  self.add("**" + r.name() + "**");
                }
                // someone else: a user id no member has
                if (Gatekeeper.refusal(view, setup, caller, -1, r).isEmpty()) {
                  others.add("**" + r.name() + "**");
                }
              }
              List<String> lines = new ArrayList<>();
              lines.add("__You can give yourself__");
              lines.addAll(self.isEmpty() ? List.of("(none)") : self);
              lines.add("__You can give others__");
              lines.addAll(others.isEmpty() ? List.of("(none)") : others);
              return Replies.pages(inv, Pages.of("Roles available to " + caller.name(), lines));
            });
  }
}
