package dev.cogworks.core.internal.settings;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers' settings: in PostgreSQL ({@code core_guild_settings}), and in memory so that a read
 * never waits. Everything is read once at start; a write goes to the database first and to memory
 * once it is committed. A server's settings are written only by the process whose shard serves that
 * server (its commands arrive there), so processes sharing a database never hold stale copies of
 * each other's servers.
 */
public final class SettingsStore {
  private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);

  private final Jdbi jdbi;
  private final SettingsCatalog catalog;
  private final Executor io;
  private final Executor cogExecutor;

  /** Per server, key to value as stored (decoded on first read, see {@link Value}). */
  private final Map<Long, Map<String, Value>> servers = new ConcurrentHashMap<>();

  public SettingsStore(Jdbi jdbi, SettingsCatalog catalog, Executor io, Executor cogExecutor) {
    this.jdbi = jdbi;
    this.catalog = catalog;
    this.io = io;
    this.cogExecutor = cogExecutor;
  }

  /** Reads every server's settings; at start, before the bot connects. */
  public void load() {
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT guild_id, cog, name, value FROM core_guild_settings")
                .map(
                    (rs, ctx) -> {
                      servers
                          .computeIfAbsent(rs.getLong("guild_id"), g -> new ConcurrentHashMap<>())
                          .put(
                              rs.getString("cog") + "." + rs.getString("name"),
                              new Value(rs.getString("value")));
                      return null;
                    })
                .list());
    log.info("Settings of {} server(s) loaded", servers.size());
  }

  /** The server's value of {@code declared}, or its default. Never blocks. */
  public Object get(long guildId, DeclaredSetting declared) {
    Value value = servers.getOrDefault(guildId, Map.of()).get(declared.key());
    if (value == null) {
      return declared.defaultValue();
    }
    Optional<Object> decoded = value.decoded(declared);
    return decoded.isPresent() ? decoded.get() : declared.defaultValue();
  }

  /** Whether the server's admins set a value of their own. */
  public boolean isSet(long guildId, DeclaredSetting declared) {
    return servers.getOrDefault(guildId, Map.of()).containsKey(declared.key());
  }

  /** Stores the server's value; completes on the cog executor once it is committed. */
  public CompletableFuture<Void> set(long guildId, DeclaredSetting declared, Object value) {
    String encoded = declared.encode(value);
    return write(
        guildId,
        declared,
        encoded,
        values -> values.put(declared.key(), new Value(encoded, value)));
  }

  /** Forgets the server's value: the default applies again. */
  public CompletableFuture<Void> reset(long guildId, DeclaredSetting declared) {
    return write(guildId, declared, null, values -> values.remove(declared.key()));
  }

  private CompletableFuture<Void> write(
      long guildId,
      DeclaredSetting declared,
      String encoded,
      java.util.function.Consumer<Map<String, Value>> apply) {
    return CompletableFuture.runAsync(
            () -> {
              Map<String, Value> values =
                  servers.computeIfAbsent(guildId, g -> new ConcurrentHashMap<>());
              // One writer per server at a time, so memory ends as the database does.
              synchronized (values) {
                jdbi.useHandle(
                    h ->
                        (encoded == null
                                ? h.createUpdate(
                                    "DELETE FROM core_guild_settings"
                                        + " WHERE guild_id = :guild AND cog = :cog AND name = :name")
                                : h.createUpdate(
                                        "INSERT INTO core_guild_settings (guild_id, cog, name, value)"
                                            + " VALUES (:guild, :cog, :name, :value)"
                                            + " ON CONFLICT (guild_id, cog, name)"
                                            + " DO UPDATE SET value = :value, updated_at = now()")
                                    .bind("value", encoded))
                            .bind("guild", guildId)
                            .bind("cog", declared.cog())
                            .bind("name", declared.setting().name())
                            .execute());
                apply.accept(values);
              }
            },
            io)
        .thenApplyAsync(done -> null, cogExecutor);
  }

  /**
   * Deletes every setting of a server (it left long enough ago); blocks. Under the server's lock,
   * so that a write in flight cannot put a row back after the delete.
   */
  public void forgetServer(long guildId) {
    Map<String, Value> values = servers.computeIfAbsent(guildId, g -> new ConcurrentHashMap<>());
    synchronized (values) {
      jdbi.useHandle(
          h ->
              h.createUpdate("DELETE FROM core_guild_settings WHERE guild_id = :guild")
                  .bind("guild", guildId)
                  .execute());
      values.clear();
      servers.remove(guildId, values);
    }
  }

  /** A stored value, decoded once with the setting's type. */
  private static final class Value {
    private final String encoded;
    private volatile Object decoded;

    Value(String encoded) {
      this.encoded = encoded;
    }

    Value(String encoded, Object decoded) {
      this.encoded = encoded;
      this.decoded = decoded;
    }

    Optional<Object> decoded(DeclaredSetting declared) {
      Object known = decoded;
      if (known != null) {
        return Optional.of(known);
      }
      try {
        known = declared.setting().type().decode(encoded);
        decoded = known;
        return Optional.of(known);
      } catch (RuntimeException e) {
        // The cog changed the setting's type since: its default applies, the row stays.
        log.warn(
            "Stored value of {} cannot be read ({}); using its default",
            declared.key(),
            e.toString());
        return Optional.empty();
      }
    }
  }
}
