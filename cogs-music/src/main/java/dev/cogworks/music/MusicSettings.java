package dev.cogworks.music;

import dev.cogworks.api.settings.Setting;
import dev.cogworks.api.settings.SettingTypes;
import java.util.List;
import java.util.Optional;

/**
 * The music cog's per-server settings ({@code settings set music.<name> <value>}); every server's
 * defaults are in {@code music.settings}.
 */
final class MusicSettings {
  static final Setting<Optional<Long>> DJ_ROLE =
      Setting.of(
          "dj_role", SettingTypes.role(), "the role that may skip, remove and stop anything");
  static final Setting<Long> DEFAULT_VOLUME =
      Setting.of(
          "default_volume", SettingTypes.integer(0, 150), "the volume a new player starts at");
  static final Setting<Optional<Long>> TEXT_CHANNEL =
      Setting.of(
          "text_channel", SettingTypes.channel(), "the only channel music commands answer in");
  static final Setting<Boolean> STICKY_QUEUE =
      Setting.of(
          "sticky_queue",
          SettingTypes.bool(),
          "keep the now-playing message at the bottom of the music's text channel");

  private MusicSettings() {}

  static List<Setting<?>> all() {
    return List.of(DJ_ROLE, DEFAULT_VOLUME, TEXT_CHANNEL, STICKY_QUEUE);
  }
}
