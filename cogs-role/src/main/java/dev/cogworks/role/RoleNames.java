package dev.cogworks.role;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.messaging.Results.GuildRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
      long roleId = Long.parseLong(id.group(1) != null ? id.group(1) : id.group(2));
      return view.role(roleId)
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
      long id = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }
}
