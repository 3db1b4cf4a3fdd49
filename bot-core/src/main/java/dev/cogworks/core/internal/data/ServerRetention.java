package dev.cogworks.core.internal.data;

import dev.cogworks.api.data.ServerData;
import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.settings.CogSwitches;
import dev.cogworks.core.internal.settings.SettingsStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a server's data while the bot is in it, and for {@code data.server_retention} after it
 * left; then deletes it all: its settings, which cogs it turned on, its slash command registration
 * and every cog's {@link ServerData}. A server that comes back in time finds everything; after
 * that, nothing. The servers the bot is in are recorded in {@code core_guilds}; one left while the
 * bot was offline is noticed when its shard is ready again.
 */
public final class ServerRetention extends ListenerAdapter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerRetention.class);

  /** How soon a deletion that failed (a cog's, or the database's) is tried again. */
  private static final Duration RETRY = Duration.ofMinutes(10);

  private final Jdbi jdbi;
  private final Duration retention;
  private final SettingsStore settings;
  private final CogSwitches switches;
  private final Map<String, ServerData> cogs = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          DaemonThreads.named("cogworks-server-retention"));

  public ServerRetention(
      Jdbi jdbi, Duration retention, SettingsStore settings, CogSwitches switches) {
    this.jdbi = jdbi;
    this.retention = retention;
    this.settings = settings;
    this.switches = switches;
  }

  public void register(String cog, ServerData data) {
    cogs.put(cog, data);
  }

  /** Schedules the deletion of every server left earlier, as recorded; at start. */
  public void start() {
    List<Map.Entry<Long, Instant>> left =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT guild_id, left_at FROM core_guilds WHERE left_at IS NOT NULL")
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                rs.getLong("guild_id"), rs.getTimestamp("left_at").toInstant()))
                    .list());
    left.forEach(e -> schedule(e.getKey(), e.getValue()));
  }

  @Override
  public void onGuildReady(GuildReadyEvent event) {
    present(event.getGuild());
  }

  @Override
  public void onGuildJoin(GuildJoinEvent event) {
    present(event.getGuild());
  }

  @Override
  public void onGuildLeave(GuildLeaveEvent event) {
    long guildId = event.getGuild().getIdLong();
    scheduler.execute(() -> departed(Set.of(guildId)));
  }

  /**
   * A shard is ready: the servers recorded as present on it that it does not have were left while
   * the bot was away.
   */
  @Override
  public void onReady(ReadyEvent event) {
    JDA shard = event.getJDA();
    int id = shard.getShardInfo().getShardId();
    int total = shard.getShardInfo().getShardTotal();
    // A guild unavailable in an outage is still ours: only one Discord no longer sends is gone.
    Set<Long> here =
        shard.getGuildCache().stream().map(Guild::getIdLong).collect(Collectors.toSet());
    shard.getUnavailableGuilds().forEach(unavailable -> here.add(Long.parseLong(unavailable)));
    scheduler.execute(
        () -> {
          List<Long> recorded =
              jdbi.withHandle(
                  h ->
                      h.createQuery("SELECT guild_id FROM core_guilds WHERE left_at IS NULL")
                          .mapTo(Long.class)
                          .list());
          // Discord's rule for which shard serves a guild.
          Set<Long> gone =
              recorded.stream()
                  .filter(g -> (int) ((g >>> 22) % total) == id)
                  .filter(g -> !here.contains(g))
                  .collect(Collectors.toSet());
          if (!gone.isEmpty()) {
            log.info("{} server(s) were left while the bot was away", gone.size());
            departed(gone);
          }
        });
  }

  private void present(Guild guild) {
    long guildId = guild.getIdLong();
    scheduler.execute(
        () ->
            jdbi.useHandle(
                h ->
                    h.createUpdate(
                            "INSERT INTO core_guilds (guild_id) VALUES (:guild)"
                                + " ON CONFLICT (guild_id) DO UPDATE SET left_at = NULL")
                        .bind("guild", guildId)
                        .execute()));
  }

  private void departed(Set<Long> guildIds) {
    Instant now = Instant.now();
    for (long guildId : guildIds) {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO core_guilds (guild_id, left_at) VALUES (:guild, :now)"
                          + " ON CONFLICT (guild_id) DO UPDATE SET left_at = :now")
                  .bind("guild", guildId)
                  .bind("now", now)
                  .execute());
      log.info(
          "Left server {}; its data is deleted {}",
          guildId,
          retention.isZero() ? "now" : "after " + retention + " unless it comes back");
      schedule(guildId, now);
    }
  }

  private void schedule(long guildId, Instant leftAt) {
    // Rounded up, and a millisecond more: the database keeps microseconds, and a task that ran a
    // hair early would find the server not due yet.
    long delay =
        Math.max(0, Duration.between(Instant.now(), leftAt.plus(retention)).toMillis() + 2);
    scheduler.schedule(() -> expire(guildId), delay, TimeUnit.MILLISECONDS);
  }

  /** Deletes the server's data if it is still away and has been for the retention. */
  private void expire(long guildId) {
    java.util.Optional<Instant> leftAt =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT left_at FROM core_guilds WHERE guild_id = :guild"
                            + " AND left_at IS NOT NULL")
                    .bind("guild", guildId)
                    .map((rs, ctx) -> rs.getTimestamp("left_at").toInstant())
                    .findOne());
    if (leftAt.isEmpty()) {
      return; // back in the server, or already deleted
    }
    if (leftAt.get().plus(retention).isAfter(Instant.now())) {
      // Left again since this was scheduled: wait for that departure's time.
      schedule(guildId, leftAt.get());
      return;
    }
    try {
      cogs.forEach((cog, data) -> data.deleteServer(guildId));
      settings.forgetServer(guildId);
      switches.forgetServer(guildId);
      jdbi.useTransaction(
          h -> {
            h.createUpdate("DELETE FROM core_command_registrations WHERE scope = :scope")
                .bind("scope", "guild:" + guildId)
                .execute();
            h.createUpdate(
                    "DELETE FROM core_guilds WHERE guild_id = :guild AND left_at IS NOT NULL")
                .bind("guild", guildId)
                .execute();
          });
      log.info("Deleted the data of server {}, left more than {} ago", guildId, retention);
    } catch (RuntimeException e) {
      log.error("Deleting the data of server {} failed; trying again in {}", guildId, RETRY, e);
      scheduler.schedule(() -> expire(guildId), RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
