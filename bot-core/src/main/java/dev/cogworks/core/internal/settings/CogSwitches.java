package dev.cogworks.core.internal.settings;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.Jdbi;

/**
 * Which cogs are on in which server ({@code cog enable|disable}, {@code core_guild_cogs}): a
 * server's own choice, else on unless {@code cogs.off_by_default} names the cog. The core is always
 * on. Kept in memory like the settings, so routing a command never waits.
 */
public final class CogSwitches {
  private final Jdbi jdbi;
  private final Set<String> offByDefault;
  private final Executor io;
  private final Executor cogExecutor;
  private final Map<Long, Map<String, Boolean>> servers = new ConcurrentHashMap<>();

  public CogSwitches(Jdbi jdbi, Set<String> offByDefault, Executor io, Executor cogExecutor) {
    this.jdbi = jdbi;
    this.offByDefault = Set.copyOf(offByDefault);
    this.io = io;
    this.cogExecutor = cogExecutor;
  }

  public void load() {
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT guild_id, cog, enabled FROM core_guild_cogs")
                .map(
                    (rs, ctx) ->
                        servers
                            .computeIfAbsent(rs.getLong("guild_id"), g -> new ConcurrentHashMap<>())
                            .put(rs.getString("cog"), rs.getBoolean("enabled")))
                .list());
  }

  public boolean enabled(long guildId, String cog) {
    if (cog.equals(CoreSettings.COG)) {
      return true;
    }
    Boolean chosen = servers.getOrDefault(guildId, Map.of()).get(cog);
    return chosen != null ? chosen : !offByDefault.contains(cog);
  }

  /** The server's own choice, if it made one. */
  public Optional<Boolean> chosen(long guildId, String cog) {
    return Optional.ofNullable(servers.getOrDefault(guildId, Map.of()).get(cog));
  }

  public boolean offByDefault(String cog) {
    return offByDefault.contains(cog);
  }

  /** Turns {@code cog} on or off in the server; completes on the cog executor once committed. */
  public CompletableFuture<Void> set(long guildId, String cog, boolean enabled) {
    if (cog.equals(CoreSettings.COG)) {
      throw new IllegalArgumentException("the core cannot be turned off");
    }
    return CompletableFuture.runAsync(
            () -> {
              Map<String, Boolean> choices =
                  servers.computeIfAbsent(guildId, g -> new ConcurrentHashMap<>());
              synchronized (choices) {
                jdbi.useHandle(
                    h ->
                        h.createUpdate(
                                "INSERT INTO core_guild_cogs (guild_id, cog, enabled)"
                                    + " VALUES (:guild, :cog, :enabled)"
                                    + " ON CONFLICT (guild_id, cog)"
                                    + " DO UPDATE SET enabled = :enabled, updated_at = now()")
                            .bind("guild", guildId)
                            .bind("cog", cog)
                            .bind("enabled", enabled)
                            .execute());
                choices.put(cog, enabled);
              }
            },
            io)
        .thenApplyAsync(done -> null, cogExecutor);
  }

  /** Deletes a server's choices (it left long enough ago); blocks; under the server's lock. */
  public void forgetServer(long guildId) {
    Map<String, Boolean> choices = servers.computeIfAbsent(guildId, g -> new ConcurrentHashMap<>());
    synchronized (choices) {
      jdbi.useHandle(
          h ->
              h.createUpdate("DELETE FROM core_guild_cogs WHERE guild_id = :guild")
                  .bind("guild", guildId)
                  .execute());
      choices.clear();
      servers.remove(guildId, choices);
    }
  }
}
