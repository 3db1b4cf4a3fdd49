package dev.cogworks.api.settings;

import com.typesafe.config.Config;
import java.util.List;
import net.dv8tion.jda.api.entities.Guild;

/**
 * How a setting's values are typed by admins, stored and shown. {@link SettingTypes} has the usual
 * ones; a cog may write its own.
 *
 * @param <T> the value's type
 */
public interface SettingType<T> {
  /**
   * What an admin typed, in {@code guild}; throws {@link InvalidSettingException} saying what is
   * allowed.
   */
  T parse(String input, Guild guild);

  /** The default at {@code path} of a cog's config; throws when it is missing or not this type. */
  T fromConfig(Config config, String path);

  /** The value as stored in the database: {@link #decode} reads it back. */
  String encode(T value);

  T decode(String stored);

  /** The value as admins read it in {@code settings show} (mentions ping no one there). */
  String display(T value);

  /** What is allowed, in a few words: {@code "true or false"}, {@code "a role"}. */
  String allowed();

  /** Values to suggest while an admin types one (autocomplete); by default none. */
  default List<String> suggestions(Guild guild) {
    return List.of();
  }
}
