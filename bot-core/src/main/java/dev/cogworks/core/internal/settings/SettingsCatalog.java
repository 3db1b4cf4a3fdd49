package dev.cogworks.core.internal.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.cogworks.api.settings.Setting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every per-server setting the running bot knows, by key ({@code music.dj_role}), with its default.
 * Cogs declare theirs at load; a default that is missing from the cog's {@code reference.conf} or
 * is not of the setting's type stops that cog's load with a message naming the key.
 */
public final class SettingsCatalog {
  private final Map<String, DeclaredSetting> byKey = new ConcurrentHashMap<>();

  /** Declares {@code cog}'s settings with their defaults from {@code cogConfig.settings}. */
  public void declare(String cog, List<Setting<?>> settings, Config cogConfig) {
    List<DeclaredSetting> declared = new ArrayList<>();
    for (Setting<?> setting : settings) {
      String path = "settings." + setting.name();
      String key = cog + "." + path;
      Object value;
      try {
        value = setting.type().fromConfig(cogConfig, path);
      } catch (ConfigException.Missing e) {
        throw new IllegalStateException(
            key
                + " has no default: add it to the cog's reference.conf ("
                + cog
                + " { settings { "
                + setting.name()
                + " = ... } })");
      } catch (ConfigException | IllegalArgumentException e) {
        throw new IllegalStateException(
            key + ": the default is not " + setting.type().allowed() + " (" + e.getMessage() + ")");
      }
      declared.add(new DeclaredSetting(cog, setting, value));
    }
    for (DeclaredSetting d : declared) {
      if (byKey.putIfAbsent(d.key(), d) != null) {
        throw new IllegalStateException("setting " + d.key() + " is declared twice");
      }
    }
  }

  /** Declares one setting whose default the platform computed itself (the core's). */
  public void declare(String cog, Setting<?> setting, Object defaultValue) {
    DeclaredSetting declared = new DeclaredSetting(cog, setting, defaultValue);
    if (byKey.putIfAbsent(declared.key(), declared) != null) {
      throw new IllegalStateException("setting " + declared.key() + " is declared twice");
    }
  }

  public Optional<DeclaredSetting> find(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** {@code cog}'s own declaration of {@code setting}; fails for one it did not declare. */
  public DeclaredSetting require(String cog, Setting<?> setting) {
    DeclaredSetting declared = byKey.get(cog + "." + setting.name());
    if (declared == null || declared.setting() != setting) {
      throw new IllegalArgumentException(
          "cog " + cog + " did not declare setting " + setting.name() + " in Cog.settings()");
    }
    return declared;
  }

  /** Every setting, sorted by key, the core's first. */
  public List<DeclaredSetting> all() {
    return byKey.values().stream()
        .sorted(
            Comparator.comparing((DeclaredSetting d) -> !d.cog().equals("core"))
                .thenComparing(DeclaredSetting::key))
        .toList();
  }

  public List<DeclaredSetting> ofCog(String cog) {
    return all().stream().filter(d -> d.cog().equals(cog)).toList();
  }

  /** Drops a cog's settings (its load failed after it declared them). */
  public void forget(String cog) {
    byKey.values().removeIf(d -> d.cog().equals(cog));
  }
}
