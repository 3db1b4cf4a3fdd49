package dev.cogworks.core.internal.settings;

import dev.cogworks.api.settings.GuildSettings;
import dev.cogworks.api.settings.Setting;
import java.util.concurrent.CompletableFuture;

/** One server's view of one cog's settings, as {@code CogContext.settings(guildId)} hands out. */
public final class CogSettings implements GuildSettings {
  private final String cog;
  private final long guildId;
  private final SettingsCatalog catalog;
  private final SettingsStore store;

  public CogSettings(String cog, long guildId, SettingsCatalog catalog, SettingsStore store) {
    this.cog = cog;
    this.guildId = guildId;
    this.catalog = catalog;
    this.store = store;
  }

  @Override
  public long guildId() {
    return guildId;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    return (T) store.get(guildId, catalog.require(cog, setting));
  }

  @Override
  public boolean isSet(Setting<?> setting) {
    return store.isSet(guildId, catalog.require(cog, setting));
  }

  @Override
  public <T> CompletableFuture<Void> set(Setting<T> setting, T value) {
    return store.set(guildId, catalog.require(cog, setting), value);
  }

  @Override
  public CompletableFuture<Void> reset(Setting<?> setting) {
    return store.reset(guildId, catalog.require(cog, setting));
  }
}
