package dev.cogworks.core.internal.settings;

import dev.cogworks.api.settings.Setting;

/**
 * A setting as the platform knows it: the cog that declared it and its default (from the cog's
 * config). Admins name it {@code <cog>.<name>}.
 */
public record DeclaredSetting(String cog, Setting<?> setting, Object defaultValue) {
  public String key() {
    return cog + "." + setting.name();
  }

  /** The value in words, through the setting's type. */
  @SuppressWarnings("unchecked")
  public String display(Object value) {
    return ((Setting<Object>) setting).type().display(value);
  }

  @SuppressWarnings("unchecked")
  String encode(Object value) {
    return ((Setting<Object>) setting).type().encode(value);
  }
}
