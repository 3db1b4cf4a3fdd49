package dev.cogworks.role;

import dev.cogworks.api.messaging.Results.GuildRole;
import net.dv8tion.jda.api.events.guild.member.GuildMemberJoinEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gives the server's autoroles to each member who joins (people and bots alike). */
final class AutoroleListener extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(AutoroleListener.class);

  private final RoleCog cog;

  AutoroleListener(RoleCog cog) {
    this.cog = cog;
  }

  @Override
  public void onGuildMemberJoin(GuildMemberJoinEvent event) {
    long guild = event.getGuild().getIdLong();
    Setup setup = cog.setups().of(guild);
    if (setup.autoroles().isEmpty() || !cog.ctx().enabledIn(guild)) {
      return;
    }
    long user = event.getUser().getIdLong();
    cog.view(guild)
        .thenAccept(
            view -> {
              for (long id : setup.autoroles()) {
                GuildRole role = view.role(id).orElse(null);
                if (role == null || view.botCannot(role).isPresent()) {
                  log.warn("autorole {} cannot be given in guild {}", id, guild);
                  continue;
                }
                cog.changer()
                    .change(
                        view,
                        setup,
                        new RoleChanger.Wish(user, role, true, "autorole", "autorole on join"));
              }
            })
        .exceptionally(
            failure -> {
              log.warn("autoroles for {} in guild {} failed", user, guild, failure);
              return null;
            });
  }
}
