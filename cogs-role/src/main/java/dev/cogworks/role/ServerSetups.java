package dev.cogworks.role;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Every server's {@link Setup}: in PostgreSQL, and in memory so that reading it never waits. A
 * change is written first, then shown, so nothing is shown that a restart would lose.
 */
final class ServerSetups {
  private final RoleStore store;
  private final Map<Long, Setup> setups = new ConcurrentHashMap<>();

  ServerSetups(RoleStore store) {
    this.store = store;
    setups.putAll(store.loadAll());
  }

  Setup of(long guildId) {
    return setups.getOrDefault(guildId, Setup.EMPTY);
  }

  /** Writes with {@code write}, then applies {@code change} (blocking); returns the new setup. */
  synchronized Setup change(long guildId, Consumer<RoleStore> write, UnaryOperator<Setup> change) {
    write.accept(store);
    Setup next = change.apply(of(guildId));
    setups.put(guildId, next);
    return next;
  }

  synchronized void dropServer(long guildId) {
    store.dropServer(guildId);
    setups.remove(guildId);
  }
}
