package dev.cogworks.core.internal.data;

import dev.cogworks.api.data.ServerData;
import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.settings.CogSwitches;
import dev.cogworks.core.internal.settings.SettingsStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * that, nothing. The servers the bot is in are recorded in {@code core_guilds}.
 *
 * <p>Each process looks after the servers of its own shards only, once that shard is ready: it then
 * knows which servers it has, so a server left while the bot was offline is noticed, and one that
 * invited the bot back in the meantime is not wiped. Everything runs on one thread of its own, in
 * order, so a departure and a return are never reordered.
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

  /** The ready shards of this process, by shard id: whether a server is still ours. */
  private final Map<Integer, JDA> shards = new ConcurrentHashMap<>();

  private final ScheduledThreadPoolExecutor scheduler = scheduler();

  public ServerRetention(
      Jdbi jdbi, Duration retention, SettingsStore settings, CogSwitches switches) {
    this.jdbi = jdbi;
    this.retention = retention;
    this.settings = settings;
    this.switches = switches;
  }

  /** One thread; at close, deletions not due yet are dropped (the next start schedules them). */
  private static ScheduledThreadPoolExecutor scheduler() {
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1, DaemonThreads.named("cogworks-server-retention"));
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return scheduler;
  }

  public void register(String cog, ServerData data) {
    cogs.put(cog, data);
  }

  @Override
  public void onGuildReady(GuildReadyEvent event) {
    long guildId = event.getGuild().getIdLong();
    run("record a server", () -> present(guildId));
  }

  @Override
  public void onGuildJoin(GuildJoinEvent event) {
    long guildId = event.getGuild().getIdLong();
    run("record a server", () -> present(guildId));
  }

  @Override
  public void onGuildLeave(GuildLeaveEvent event) {
    long guildId = event.getGuild().getIdLong();
    run("record a departure", () -> departed(Set.of(guildId)));
  }

  /**
   * A shard is ready, with every server it has: those recorded as present on it that it does not
   * have were left while the bot was away; departures recorded earlier are scheduled.
   */
  @Override
  public void onReady(ReadyEvent event) {
    JDA shard = event.getJDA();
    int id = shard.getShardInfo().getShardId();
    int total = shard.getShardInfo().getShardTotal();
    shards.put(id, shard);
    // A guild unavailable in an outage is still ours: only one Discord no longer sends is gone.
    Set<Long> here =
        shard.getGuildCache().stream().map(Guild::getIdLong).collect(Collectors.toSet());
    shard.getUnavailableGuilds().forEach(unavailable -> here.add(Long.parseLong(unavailable)));
    run(
        "look at the servers of shard " + id,
        () -> {
          // Discord's rule for which shard serves a guild.
          List<Map.Entry<Long, Optional<Instant>>> recorded =
              jdbi
                  .withHandle(
                      h ->
                          h.createQuery("SELECT guild_id, left_at FROM core_guilds")
                              .map(
                                  (rs, ctx) ->
                                      Map.entry(
                                          rs.getLong("guild_id"),
                                          Optional.ofNullable(rs.getTimestamp("left_at"))
                                              .map(java.sql.Timestamp::toInstant)))
                              .list())
                  .stream()
                  .filter(e -> (int) ((e.getKey() >>> 22) % total) == id)
                  .toList();
          Set<Long> gone =
              recorded.stream()
                  .filter(e -> e.getValue().isEmpty() && !here.contains(e.getKey()))
                  .map(Map.Entry::getKey)
                  .collect(Collectors.toSet());
          if (!gone.isEmpty()) {
            log.info("{} server(s) were left while the bot was away", gone.size());
            departed(gone);
          }
          recorded.stream()
              .filter(e -> e.getValue().isPresent())
              .forEach(e -> schedule(e.getKey(), e.getValue().get()));
        });
  }

  private void present(long guildId) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO core_guilds (guild_id) VALUES (:guild)"
                        + " ON CONFLICT (guild_id) DO UPDATE SET left_at = NULL")
                .bind("guild", guildId)
                .execute());
  }

  private void departed(Set<Long> guildIds) {
    Instant now = Instant.now();
    for (long guildId : guildIds) {
      jdbi.useTransaction(
          h -> {
            h.createUpdate(
                    "INSERT INTO core_guilds (guild_id, left_at) VALUES (:guild, :now)"
                        + " ON CONFLICT (guild_id) DO UPDATE SET left_at = :now")
                .bind("guild", guildId)
                .bind("now", now)
                .execute();
            // Discord drops a bot's guild commands when it leaves: if it comes back, they must be
            // registered again, whatever was registered before.
            h.createUpdate("DELETE FROM core_command_registrations WHERE scope = :scope")
                .bind("scope", "guild:" + guildId)
                .execute();
          });
      log.info(
          "Left server {}; its data is deleted {}",
          guildId,
          retention.isZero() ? "now" : "in " + retention.toSeconds() + " s unless it comes back");
      schedule(guildId, now);
    }
  }

  private void schedule(long guildId, Instant leftAt) {
    // Past the due time, never before it: the database keeps microseconds, and a task that ran a
    // hair early would only be scheduled again.
    long delay =
        Math.max(0, Duration.between(Instant.now(), leftAt.plus(retention)).toMillis() + 2);
    scheduler.schedule(
        () -> run("delete a server's data", () -> expire(guildId)), delay, TimeUnit.MILLISECONDS);
  }

  /** Deletes the server's data if it is still away and has been for the retention. */
  private void expire(long guildId) {
    if (shards.values().stream().anyMatch(shard -> shard.getGuildById(guildId) != null)) {
      present(guildId); // back, and its return not recorded yet
      return;
    }
    Optional<Instant> leftAt =
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
      return; // left again since this was scheduled: that departure has its own deletion
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
      log.info(
          "Deleted the data of server {}, left more than {} s ago", guildId, retention.toSeconds());
    } catch (RuntimeException e) {
      log.error(
          "Deleting the data of server {} failed; trying again in {} min",
          guildId,
          RETRY.toMinutes(),
          e);
      scheduler.schedule(
          () -> run("delete a server's data", () -> expire(guildId)),
          RETRY.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** Runs {@code task} on the retention thread; a failure is logged, never lost silently. */
  private void run(String what, Runnable task) {
    try {
      scheduler.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.error("Could not {}", what, e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      log.debug("Not done while stopping: {}", what);
    }
  }

  /** Finishes what was recorded (a return, a departure), then stops; deletions not due are left. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
