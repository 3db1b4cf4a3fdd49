package dev.cogworks.core.internal.settings;

import dev.cogworks.api.settings.Setting;
import dev.cogworks.api.settings.SettingTypes;
import java.util.List;

/**
 * The platform's own per-server settings ({@code core.*}): the prefixes, and the channels where
 * commands are answered, and the instructions of the conversation queue's assistant.
 */
public final class CoreSettings {
  public static final String COG = "core";

  public static final Setting<List<String>> PREFIXES =
      Setting.of(
          "prefixes",
          SettingTypes.words(5, 10),
          "the prefixes of text commands here (mentioning the bot always works too)");

  public static final Setting<List<Long>> COMMAND_CHANNELS =
      Setting.of(
          "command_channels",
          SettingTypes.channels(25),
          "if set, the only channels where commands are answered");

  public static final Setting<List<Long>> IGNORED_CHANNELS =
      Setting.of(
          "ignored_channels",
          SettingTypes.channels(25),
          "channels where commands are ignored (admins with Manage Server still get answers)");

  public static final Setting<String> ASSISTANT_PROMPT =
      Setting.of(
          "assistant_prompt",
          SettingTypes.text(1500),
          "instructions the assistant follows when it answers `ask` here (empty: the bot's own)");

  private CoreSettings() {}

  /** Declares them, with the prefixes the bot's owners chose as the default. */
  public static void declare(SettingsCatalog catalog, List<String> defaultPrefixes) {
    catalog.declare(COG, PREFIXES, defaultPrefixes);
    catalog.declare(COG, COMMAND_CHANNELS, List.of());
    catalog.declare(COG, IGNORED_CHANNELS, List.of());
    catalog.declare(COG, ASSISTANT_PROMPT, "");
  }
}
