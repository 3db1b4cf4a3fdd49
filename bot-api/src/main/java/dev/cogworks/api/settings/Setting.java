package dev.cogworks.api.settings;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One per-server setting of a cog: its name, its type and what it is for. A cog lists its settings
 * in {@link dev.cogworks.api.Cog#settings()} and reads them with {@code
 * context.settings(guildId).get(MY_SETTING)}. Its default comes from the cog's {@code
 * reference.conf}, under {@code <cog>.settings.<name>}, where the bot's owners may change it for
 * every server in {@code application.conf}; a server's admins change it for their server with
 * {@code settings set <cog>.<name> <value>}.
 *
 * <pre>{@code
 * public static final Setting<Optional<Long>> DJ_ROLE =
 *     Setting.of("dj_role", SettingTypes.role(), "the role that may skip and clear the queue");
 * }</pre>
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  private final String name;
  private final SettingType<T> type;
  private final String description;

  private Setting(String name, SettingType<T> type, String description) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "setting name '" + name + "' must be 1-32 lower-case letters, digits or _");
    }
    this.name = name;
    this.type = Objects.requireNonNull(type, "type");
    this.description = description == null ? "" : description;
  }

  public static <T> Setting<T> of(String name, SettingType<T> type, String description) {
    return new Setting<>(name, type, description);
  }

  /** The name within its cog: {@code dj_role}; admins type {@code music.dj_role}. */
  public String name() {
    return name;
  }

  public SettingType<T> type() {
    return type;
  }

  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return name;
  }
}
