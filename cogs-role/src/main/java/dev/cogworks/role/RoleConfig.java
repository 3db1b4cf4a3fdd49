package dev.cogworks.role;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import net.dv8tion.jda.api.Permission;

/** The cog's config block ({@code role { ... }} in reference.conf), read once and checked. */
record RoleConfig(Duration changeInterval, Set<Permission> dangerousPermissions) {

  static RoleConfig from(Config c) {
    Duration interval = c.getDuration("change_interval");
    if (interval.isNegative()) {
      throw new ConfigException.BadValue(
          c.origin(),
          "role.change_interval",
          c.getValue("change_interval").render() + ": must be 0 or more");
    }
    Set<Permission> dangerous = EnumSet.noneOf(Permission.class);
    for (String name : c.getStringList("dangerous_permissions")) {
      try {
        dangerous.add(Permission.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new ConfigException.BadValue(
            c.origin(),
            "role.dangerous_permissions",
            name + ": not a permission (names of JDA's Permission, such as KICK_MEMBERS)");
      }
    }
    return new RoleConfig(interval, Set.copyOf(dangerous));
  }

  /** The dangerous permissions {@code raw} carries, by their names in Discord's client. */
  java.util.List<String> dangerIn(long raw) {
    return dangerousPermissions.stream()
        .filter(p -> (raw & p.getRawValue()) != 0)
        .sorted()
        .map(Permission::getName)
        .toList();
  }
}
