package dev.cogworks.role;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.messaging.Results.GuildRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Roles and users as people type them. A role by mention, id or name (any case); an id must be a
 * role of this server, so another server's role id is refused, never looked up elsewhere. Users by
 * mention or id.
 */
final class RoleNames {
  private static final Pattern ROLE_ID = Pattern.compile("^(?:<@&(\\d+)>|(\\d{15,20}))$");
  private static final Pattern USER_ID = Pattern.compile("^(?:<@!?(\\d+)>|(\\d{15,20}))$");

  private RoleNames() {}

  static GuildRole role(GuildView view, String typed) {
    String text = typed.strip();
    Matcher id = ROLE_ID.matcher(text);
    if (id.matches()) {
      return snowflake(id.group(1) != null ? id.group(1) : id.group(2))
          .flatMap(view::role)
          .orElseThrow(() -> new CommandException("`" + text + "` is not a role of this server."));
    }
    String name = text.startsWith("@") ? text.substring(1) : text;
    List<GuildRole> named =
        view.roles().stream()
            .filter(r -> r.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
            .toList();
    if (named.isEmpty()) {
      throw new CommandException("No role named `" + name + "` here.");
    }
    if (named.size() > 1) {
      throw new CommandException(
          named.size() + " roles are named `" + name + "`; use a mention or an id.");
    }
    return named.get(0);
  }

  /** Several roles: separated by commas, or by spaces when there are no commas. */
  static List<GuildRole> roles(GuildView view, String typed) {
    List<GuildRole> found = new ArrayList<>();
    String[] parts = typed.contains(",") ? typed.split(",") : typed.strip().split("\\s+");
    for (String part : parts) {
      if (!part.isBlank()) {
        GuildRole role = role(view, part);
        if (!found.contains(role)) {
          found.add(role);
        }
      }
    }
    return found;
  }

  /** Digits as an id; empty past a long's range (no Discord id is), rather than an exception. */
  static Optional<Long> snowflake(String digits) {
    try {
      return Optional.of(Long.parseLong(digits));
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
  }

  static List<Long> users(String typed) {
    List<Long> ids = new ArrayList<>();
    for (String part : typed.strip().split("[\\s,]+")) {
      if (part.isBlank()) {
        continue;
      }
      Matcher m = USER_ID.matcher(part);
      if (!m.matches()) {
        throw new CommandException("`" + part + "` is not a user mention or id.");
      }
      long id =
          snowflake(m.group(1) != null ? m.group(1) : m.group(2))
              .orElseThrow(() -> new CommandException("`" + part + "` is not a user's id."));
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }
}
