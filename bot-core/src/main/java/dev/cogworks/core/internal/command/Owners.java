package dev.cogworks.core.internal.command;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.ApplicationInfo;
import net.dv8tion.jda.api.entities.ApplicationTeam;
import net.dv8tion.jda.api.entities.TeamMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's owners, who alone may run owner-only commands: the Discord application's owner (or its
 * team's members), read once at start, and the users listed in {@code discord.owners}. Being a
 * server's admin or owner does not make anyone an owner of the bot.
 */
public final class Owners {
  private static final Logger log = LoggerFactory.getLogger(Owners.class);

  private final Set<Long> configured;
  private volatile Set<Long> ids;

  public Owners(List<Long> configured) {
    this.configured = Set.copyOf(configured);
    this.ids = this.configured;
  }

  public boolean contains(long userId) {
    return ids.contains(userId);
  }

  public Set<Long> ids() {
    return ids;
  }

  /**
   * Adds the application's owners, asking Discord once; when that fails the bot keeps running with
   * the configured owners only, and says so.
   */
  public void readApplication(JDA jda, Duration timeout) throws InterruptedException {
    try {
      ApplicationInfo application =
          jda.retrieveApplicationInfo().submit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Set<Long> all = new HashSet<>(configured);
      all.addAll(of(application));
      ids = Set.copyOf(all);
      log.info("Bot owners: {} ({} from discord.owners)", ids, configured.size());
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "Could not read the Discord application's owners ({}); only the users in"
              + " discord.owners can use owner-only commands",
          e instanceof ExecutionException ? e.getCause().toString() : "no answer in " + timeout);
    }
  }

  /** A team-owned application's owners are the team's members who accepted their invite. */
  private static Set<Long> of(ApplicationInfo application) {
    ApplicationTeam team = application.getTeam();
    if (team == null) {
      return Set.of(application.getOwner().getIdLong());
    }
    Set<Long> members = new HashSet<>();
    for (TeamMember member : team.getMembers()) {
      if (member.getMembershipState() == TeamMember.MembershipState.ACCEPTED) {
        members.add(member.getUser().getIdLong());
      }
    }
    return members;
  }
}
