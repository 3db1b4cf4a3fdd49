package dev.cogworks.api.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;

/** The usual {@link SettingType}s: switches, numbers, text, choices, roles and channels. */
public final class SettingTypes {
  private static final Pattern ROLE = Pattern.compile("<@&(\\d{1,20})>|(\\d{15,20})");
  private static final Pattern CHANNEL = Pattern.compile("<#(\\d{1,20})>|(\\d{15,20})");
  private static final Set<String> NONE = Set.of("none", "off", "-");

  private SettingTypes() {}

  /** {@code true} or {@code false}; admins may also type on/off, yes/no, enable/disable. */
  public static SettingType<Boolean> bool() {
    return new Plain<>("true or false") {
      @Override
      public Boolean parse(String input, Guild guild) {
        switch (input.trim().toLowerCase(Locale.ROOT)) {
          case "true", "on", "yes", "enable", "enabled", "1":
            return true;
          case "false", "off", "no", "disable", "disabled", "0":
            return false;
          default:
            throw new InvalidSettingException("must be " + allowed());
        }
      }

      @Override
      public Boolean fromConfig(Config config, String path) {
        return config.getBoolean(path);
      }

      @Override
      public Boolean decode(String stored) {
        return Boolean.parseBoolean(stored);
      }

      @Override
      public List<String> suggestions(Guild guild) {
        return List.of("true", "false");
      }
    };
  }

  /** A whole number from {@code min} to {@code max}. */
  public static SettingType<Long> integer(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " is above max " + max);
    }
    return new Plain<>("a whole number from " + min + " to " + max) {
      @Override
      public Long parse(String input, Guild guild) {
        try {
          return check(Long.parseLong(input.trim()));
        } catch (NumberFormatException e) {
          throw new InvalidSettingException("must be " + allowed());
        }
      }

      private Long check(long value) {
        if (value < min || value > max) {
          throw new InvalidSettingException("must be " + allowed());
        }
        return value;
      }

      @Override
      public Long fromConfig(Config config, String path) {
        return check(config.getLong(path));
      }

      @Override
      public Long decode(String stored) {
        return Long.parseLong(stored);
      }
    };
  }

  /**
   * A number from {@code min} to {@code max}, fractions allowed ({@code 0.05}), as for a
   * probability; NaN and infinities are refused.
   */
  public static SettingType<Double> decimal(double min, double max) {
    if (!(min <= max)) {
      throw new IllegalArgumentException("min " + min + " is above max " + max);
    }
    return new Plain<>("a number from " + plain(min) + " to " + plain(max)) {
      @Override
      public Double parse(String input, Guild guild) {
        try {
          return check(Double.parseDouble(input.trim()));
        } catch (NumberFormatException e) {
          throw new InvalidSettingException("must be " + allowed());
        }
      }

      private Double check(double value) {
        if (!(value >= min && value <= max)) {
          throw new InvalidSettingException("must be " + allowed());
        }
        return value;
      }

      @Override
      public Double fromConfig(Config config, String path) {
        return check(config.getDouble(path));
      }

      @Override
      public Double decode(String stored) {
        return Double.parseDouble(stored);
      }

      @Override
      public String display(Double value) {
        return plain(value);
      }
    };
  }

  private static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Free text of 1 to {@code maxLength} characters on one line. */
  public static SettingType<String> text(int maxLength) {
    return new Plain<>("text of 1 to " + maxLength + " characters on one line") {
      @Override
      public String parse(String input, Guild guild) {
        String value = input.strip();
        if (value.isEmpty() || value.length() > maxLength || value.contains("\n")) {
          throw new InvalidSettingException("must be " + allowed());
        }
        return value;
      }

      @Override
      public String fromConfig(Config config, String path) {
        return config.getString(path);
      }

      @Override
      public String decode(String stored) {
        return stored;
      }

      @Override
      public String display(String value) {
        return value.isEmpty() ? "(empty)" : "`" + value.replace("`", "'") + "`";
      }
    };
  }

  /** One of {@code values} (case-insensitive as typed, stored as given here). */
  public static SettingType<String> choice(String... values) {
    List<String> choices = List.of(values);
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("a choice needs at least one value");
    }
    return new Plain<>("one of " + String.join(", ", choices)) {
      @Override
      public String parse(String input, Guild guild) {
        return choices.stream()
            .filter(c -> c.equalsIgnoreCase(input.trim()))
            .findFirst()
            .orElseThrow(() -> new InvalidSettingException("must be " + allowed()));
      }

      @Override
      public String fromConfig(Config config, String path) {
        String value = config.getString(path);
        if (!choices.contains(value)) {
          throw new ConfigException.BadValue(config.origin(), path, "must be " + allowed());
        }
        return value;
      }

      @Override
      public String decode(String stored) {
        return stored;
      }

      @Override
      public List<String> suggestions(Guild guild) {
        return choices;
      }
    };
  }

  /**
   * Words without spaces, such as command prefixes: 1 to {@code maxItems} of them, each 1 to {@code
   * maxLength} characters, typed separated by spaces.
   */
  public static SettingType<List<String>> words(int maxItems, int maxLength) {
    String allowed =
        "1 to "
            + maxItems
            + " words of 1 to "
            + maxLength
            + " characters, without spaces or ` @ < >, not starting with /, separated by spaces";
    return new SettingType<>() {
      @Override
      public List<String> parse(String input, Guild guild) {
        List<String> words = List.of(input.strip().split("\\s+"));
        return check(words.size() == 1 && words.get(0).isEmpty() ? List.of() : words);
      }

      private List<String> check(List<String> words) {
        Set<String> distinct = new LinkedHashSet<>(words);
        boolean fine =
            !distinct.isEmpty()
                && distinct.size() <= maxItems
                && distinct.stream()
                    .allMatch(
                        w ->
                            !w.isEmpty()
                                && w.length() <= maxLength
                                && !w.startsWith("/")
                                && w.chars().noneMatch(Character::isWhitespace)
                                && w.chars().noneMatch(c -> "`@<>".indexOf(c) >= 0));
        if (!fine) {
          throw new InvalidSettingException("must be " + allowed);
        }
        return List.copyOf(distinct);
      }

      @Override
      public List<String> fromConfig(Config config, String path) {
        try {
          return check(config.getStringList(path));
        } catch (ConfigException.WrongType single) {
          return check(List.of(config.getString(path)));
        }
      }

      @Override
      public String encode(List<String> value) {
        return String.join("\n", value);
      }

      @Override
      public List<String> decode(String stored) {
        return List.of(stored.split("\n"));
      }

      @Override
      public String display(List<String> value) {
        return value.stream()
            .map(w -> "`" + w.replace("`", "'") + "`")
            .collect(Collectors.joining(" "));
      }

      @Override
      public String allowed() {
        return allowed;
      }
    };
  }

  /**
   * A role of the server, typed as a mention, an id or its name, or {@code none}; empty when none.
   * Defaults in config are a role id or {@code ""}.
   */
  public static SettingType<Optional<Long>> role() {
    return new OptionalId("a role (its mention, id or name) or none") {
      @Override
      Long find(String input, Guild guild) {
        Matcher mention = ROLE.matcher(input);
        if (mention.matches()) {
          long id = Long.parseLong(mention.group(1) != null ? mention.group(1) : mention.group(2));
          Role role = guild.getRoleById(id);
          if (role == null || role.isPublicRole()) {
            throw new InvalidSettingException(
                "must be a role of this server; there is no role " + id);
          }
          return id;
        }
        List<Role> named =
            guild.getRolesByName(input, true).stream().filter(r -> !r.isPublicRole()).toList();
        if (named.size() == 1) {
          return named.get(0).getIdLong();
        }
        throw new InvalidSettingException(
            named.isEmpty()
                ? "must be " + allowed() + "; there is no role named " + input
                : "names " + named.size() + " roles called " + input + "; use a mention or an id");
      }

      @Override
      public String display(Optional<Long> value) {
        return value.map(id -> "<@&" + id + ">").orElse("none");
      }

      @Override
      public List<String> suggestions(Guild guild) {
        List<String> names = new ArrayList<>();
        guild.getRoles().stream()
            .filter(r -> !r.isPublicRole())
            .forEach(r -> names.add(r.getName()));
        names.add("none");
        return names;
      }
    };
  }

  /** A channel of the server, typed as a mention, an id or its name, or {@code none}. */
  public static SettingType<Optional<Long>> channel() {
    return new OptionalId("a channel (its mention, id or name) or none") {
      @Override
      Long find(String input, Guild guild) {
        return findChannel(input, guild, allowed());
      }

      @Override
      public String display(Optional<Long> value) {
        return value.map(id -> "<#" + id + ">").orElse("none");
      }

      @Override
      public List<String> suggestions(Guild guild) {
        List<String> names = channelNames(guild);
        names.add("none");
        return names;
      }
    };
  }

  /**
   * Channels of the server, typed as mentions, ids or names separated by spaces, or {@code none}
   * for no channel at all; at most {@code maxItems}.
   */
  public static SettingType<List<Long>> channels(int maxItems) {
    String allowed = "up to " + maxItems + " channels (mentions, ids or names) or none";
    return new SettingType<>() {
      @Override
      public List<Long> parse(String input, Guild guild) {
        String trimmed = input.strip();
        if (NONE.contains(trimmed.toLowerCase(Locale.ROOT))) {
          return List.of();
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String word : trimmed.replace(",", " ").split("\\s+")) {
          if (!word.isEmpty()) {
            ids.add(findChannel(word.startsWith("#") ? word.substring(1) : word, guild, allowed));
          }
        }
        if (ids.isEmpty() || ids.size() > maxItems) {
          throw new InvalidSettingException("must be " + allowed);
        }
        return List.copyOf(ids);
      }

      @Override
      public List<Long> fromConfig(Config config, String path) {
        return config.getStringList(path).stream().map(Long::parseUnsignedLong).toList();
      }

      @Override
      public String encode(List<Long> value) {
        return value.stream().map(String::valueOf).collect(Collectors.joining(","));
      }

      @Override
      public List<Long> decode(String stored) {
        return stored.isEmpty()
            ? List.of()
            : java.util.Arrays.stream(stored.split(",")).map(Long::parseLong).toList();
      }

      @Override
      public String display(List<Long> value) {
        return value.isEmpty()
            ? "none"
            : value.stream().map(id -> "<#" + id + ">").collect(Collectors.joining(" "));
      }

      @Override
      public String allowed() {
        return allowed;
      }

      @Override
      public List<String> suggestions(Guild guild) {
        List<String> names = channelNames(guild);
        names.add("none");
        return names;
      }
    };
  }

  private static long findChannel(String input, Guild guild, String allowed) {
    Matcher mention = CHANNEL.matcher(input);
    if (mention.matches()) {
      long id = Long.parseLong(mention.group(1) != null ? mention.group(1) : mention.group(2));
      if (!(guild.getGuildChannelById(id) instanceof GuildMessageChannel)) {
        throw new InvalidSettingException(
            "must be a text channel of this server; there is none with id " + id);
      }
      return id;
    }
    String name = input.startsWith("#") ? input.substring(1) : input;
    List<GuildChannel> named =
        guild.getChannels().stream()
            .filter(c -> c instanceof GuildMessageChannel)
            .filter(c -> c.getName().equalsIgnoreCase(name))
            .toList();
    if (named.size() == 1) {
      return named.get(0).getIdLong();
    }
    throw new InvalidSettingException(
        named.isEmpty()
            ? "must be " + allowed + "; there is no channel named " + name
            : "names " + named.size() + " channels called " + name + "; use a mention or an id");
  }

  private static List<String> channelNames(Guild guild) {
    List<String> names = new ArrayList<>();
    guild.getChannels().stream()
        .filter(c -> c instanceof GuildMessageChannel)
        .forEach(c -> names.add(c.getName()));
    return names;
  }

  /** A type whose stored form is its {@code toString} and whose display is the same. */
  private abstract static class Plain<T> implements SettingType<T> {
    private final String allowed;

    Plain(String allowed) {
      this.allowed = allowed;
    }

    @Override
    public String encode(T value) {
      return String.valueOf(value);
    }

    @Override
    public String display(T value) {
      return String.valueOf(value);
    }

    @Override
    public String allowed() {
      return allowed;
    }
  }

  /** A role or channel id, or none. */
  private abstract static class OptionalId implements SettingType<Optional<Long>> {
    private final String allowed;

    OptionalId(String allowed) {
      this.allowed = allowed;
    }

    abstract Long find(String input, Guild guild);

    @Override
    public Optional<Long> parse(String input, Guild guild) {
      String trimmed = input.strip();
      if (NONE.contains(trimmed.toLowerCase(Locale.ROOT))) {
        return Optional.empty();
      }
      if (trimmed.isEmpty()) {
        throw new InvalidSettingException("must be " + allowed);
      }
      return Optional.of(find(trimmed, guild));
    }

    @Override
    public Optional<Long> fromConfig(Config config, String path) {
      String value = config.getString(path).strip();
      return value.isEmpty() ? Optional.empty() : Optional.of(Long.parseUnsignedLong(value));
    }

    @Override
    public String encode(Optional<Long> value) {
      return value.map(String::valueOf).orElse("");
    }

    @Override
    public Optional<Long> decode(String stored) {
      return stored.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(stored));
    }

    @Override
    public String allowed() {
      return allowed;
    }
  }
}
