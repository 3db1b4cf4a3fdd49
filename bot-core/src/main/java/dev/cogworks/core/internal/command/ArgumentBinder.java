package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;

/**
 * Binds a prefix command's arguments to its options in order, converting each to its kind. The last
 * string option takes the rest of the line, so {@code !say hello there} needs no quotes; so does a
 * string option followed only by optional numbers or switches, which are then read from the end of
 * the line ({@code !speak good morning 12}). Every problem is a {@link CommandException} the user
 * reads, with the usage.
 */
public final class ArgumentBinder {
  private static final Pattern USER = Pattern.compile("<@!?(\\d+)>|(\\d{15,20})");
  private static final Pattern ROLE = Pattern.compile("<@&(\\d+)>|(\\d{15,20})");
  private static final Pattern CHANNEL = Pattern.compile("<#(\\d+)>|(\\d{15,20})");

  private ArgumentBinder() {}

  public static Map<String, Object> bind(
      List<OptionSpec> options, List<String> args, Guild guild, String usage) {
    return bind(options, args, guild, usage, i -> String.join(" ", args.subList(i, args.size())));
  }

  /**
   * As above; {@code restFrom} gives the text from argument {@code i} to the end as it was typed,
   * for a free-text last option.
   */
  public static Map<String, Object> bind(
      List<OptionSpec> options,
      List<String> args,
      Guild guild,
      String usage,
      java.util.function.IntFunction<String> restFrom) {
    Map<String, Object> values = new LinkedHashMap<>();
    int index = 0;
    for (int i = 0; i < options.size(); i++) {
      OptionSpec option = options.get(i);
      if (index >= args.size()) {
        if (option.required()) {
          throw new CommandException("Missing " + option.usage() + ". Usage: `" + usage + "`");
        }
        continue;
      }
      boolean last = i == options.size() - 1;
      int trailing = last ? 0 : trailingArguments(options, i, args, index);
      boolean freeText = option.kind() == OptionKind.STRING && (last || trailing >= 0);
      String raw;
      if (!freeText) {
        raw = args.get(index);
        index++;
      } else if (last || trailing == 0) {
        raw = restFrom.apply(index);
        index = args.size();
      } else {
        raw = String.join(" ", args.subList(index, args.size() - trailing));
        index = args.size() - trailing;
      }
      values.put(option.name(), convert(option, raw, guild, usage));
    }
    if (index < args.size()) {
      throw new CommandException(
          "Too many arguments (`"
              + String.join(" ", args.subList(index, args.size()))
              + "`)."
              + " Usage: `"
              + usage
              + "`");
    }
    return values;
  }

  /**
   * For a free-text option followed only by optional numbers, whole numbers or switches ({@code
   * speak [first words] [length]}): how many arguments at the end of the line are those options, so
   * the text takes the rest ({@code !speak good morning 12}); -1 when other options follow.
   */
  private static int trailingArguments(
      List<OptionSpec> options, int i, List<String> args, int index) {
    List<OptionSpec> after = options.subList(i + 1, options.size());
    boolean plain =
        after.stream()
            .allMatch(
                o ->
                    !o.required()
                        && (o.kind() == OptionKind.INTEGER
                            || o.kind() == OptionKind.NUMBER
                            || o.kind() == OptionKind.BOOLEAN));
    if (!plain) {
      return -1;
    }
    int available = args.size() - index - 1; // the text keeps at least one word
    for (int n = Math.min(after.size(), available); n >= 1; n--) {
      boolean fits = true;
      for (int t = 0; t < n && fits; t++) {
        fits = parses(after.get(t), args.get(args.size() - n + t));
      }
      if (fits) {
        return n;
      }
    }
    return 0;
  }

  private static boolean parses(OptionSpec option, String raw) {
    try {
      return switch (option.kind()) {
        case INTEGER -> {
          Long.parseLong(raw);
          yield true;
        }
        case NUMBER -> {
          Double.parseDouble(raw);
          yield true;
        }
        case BOOLEAN ->
            List.of("true", "yes", "on", "1", "false", "no", "off", "0")
                .contains(raw.toLowerCase(Locale.ROOT));
        default -> false;
      };
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Object convert(OptionSpec option, String raw, Guild guild, String usage) {
    if (guild == null
        && (option.kind() == OptionKind.USER
            || option.kind() == OptionKind.ROLE
            || option.kind() == OptionKind.CHANNEL)) {
      throw new CommandException(
          "`"
              + usage
              + "` works in a server only: its "
              + option.usage()
              + " is one of a server's.");
    }
    Object value =
        switch (option.kind()) {
          case STRING -> raw;
          case INTEGER -> parse(option, raw, usage, "a whole number", () -> Long.parseLong(raw));
          case NUMBER -> parse(option, raw, usage, "a number", () -> Double.parseDouble(raw));
          case BOOLEAN -> bool(option, raw, usage);
          case USER -> member(option, raw, guild, usage).getUser();
          case ROLE -> role(option, raw, guild, usage);
          case CHANNEL -> channel(option, raw, guild, usage);
        };
    if (!option.choices().isEmpty() && !option.choices().contains(String.valueOf(raw))) {
      throw new CommandException(
          "`"
              + raw
              + "` is not a choice for "
              + option.usage()
              + ": pick one of "
              + String.join(", ", option.choices())
              + ". Usage: `"
              + usage
              + "`");
    }
    return value;
  }

  private interface Parser {
    Object parse();
  }

  private static Object parse(
      OptionSpec option, String raw, String usage, String what, Parser parser) {
    try {
      return parser.parse();
    } catch (NumberFormatException e) {
      throw new CommandException(
          "`" + raw + "` is not " + what + " for " + option.usage() + ". Usage: `" + usage + "`");
    }
  }

  private static Boolean bool(OptionSpec option, String raw, String usage) {
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default ->
          throw new CommandException(
              "`"
                  + raw
                  + "` is not true or false for "
                  + option.usage()
                  + ". Usage: `"
                  + usage
                  + "`");
    };
  }

  private static Member member(OptionSpec option, String raw, Guild guild, String usage) {
    Optional<Member> found = id(USER, raw).map(guild::getMemberById);
    if (found.isEmpty() || found.get() == null) {
      String name = raw.startsWith("@") ? raw.substring(1) : raw;
      found =
          guild.getMembers().stream()
              .filter(
                  m ->
                      m.getUser().getName().equalsIgnoreCase(name)
                          || m.getEffectiveName().equalsIgnoreCase(name))
              .findFirst();
    }
    return found
        .filter(m -> m != null)
        .orElseThrow(
            () ->
                new CommandException(
                    "No member `" + raw + "` for " + option.usage() + ". Usage: `" + usage + "`"));
  }

  private static Role role(OptionSpec option, String raw, Guild guild, String usage) {
    Role role = id(ROLE, raw).map(guild::getRoleById).orElse(null);
    if (role == null) {
      String name = raw.startsWith("@") ? raw.substring(1) : raw;
      role = guild.getRolesByName(name, true).stream().findFirst().orElse(null);
    }
    if (role == null) {
      throw new CommandException(
          "No role `" + raw + "` for " + option.usage() + ". Usage: `" + usage + "`");
    }
    return role;
  }

  private static Object channel(OptionSpec option, String raw, Guild guild, String usage) {
    var channel = id(CHANNEL, raw).map(guild::getGuildChannelById).orElse(null);
    if (channel == null) {
      String name = raw.startsWith("#") ? raw.substring(1) : raw;
      channel =
          guild.getChannels().stream()
              .filter(c -> c.getName().equalsIgnoreCase(name))
              .findFirst()
              .orElse(null);
    }
    if (channel == null) {
      throw new CommandException(
          "No channel `" + raw + "` for " + option.usage() + ". Usage: `" + usage + "`");
    }
    return channel;
  }

  private static Optional<String> id(Pattern pattern, String raw) {
    Matcher matcher = pattern.matcher(raw);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
  }
}
