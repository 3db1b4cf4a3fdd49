package dev.cogworks.role;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The role_* tables: each server's role setup. Every method blocks; call it off event threads. */
final class RoleStore {
  private final Jdbi jdbi;

  RoleStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Every server's setup, read once at start so that reading it never waits. */
  Map<Long, Setup> loadAll() {
    Map<Long, Setup> all = new HashMap<>();
    jdbi.useHandle(
        h -> {
          h.createQuery("SELECT guild_id, role_id, forced FROM role_self_serve")
              .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getBoolean(3) ? 1 : 0})
              .forEach(
                  r ->
                      all.merge(
                          r[0], Setup.EMPTY.withSelfServe(r[1], true, r[2] == 1), Setup::merge));
          h.createQuery("SELECT guild_id, manager_role_id, managed_role_id FROM role_managers")
              .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
              .forEach(
                  r -> all.merge(r[0], Setup.EMPTY.withManager(r[1], r[2], true), Setup::merge));
          h.createQuery("SELECT guild_id, role_id FROM role_hidden")
              .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
              .forEach(r -> all.merge(r[0], Setup.EMPTY.withHidden(r[1], true), Setup::merge));
          h.createQuery("SELECT guild_id, role_id FROM role_autoroles")
              .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
              .forEach(r -> all.merge(r[0], Setup.EMPTY.withAutorole(r[1], true), Setup::merge));
          Map<Long, Map<String, List<Long>>> groups = new HashMap<>();
          h.createQuery("SELECT guild_id, name, role_id FROM role_groups ORDER BY name, role_id")
              .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3)})
              .forEach(
                  r ->
                      groups
                          .computeIfAbsent((Long) r[0], g -> new HashMap<>())
                          .computeIfAbsent((String) r[1], n -> new ArrayList<>())
                          .add((Long) r[2]));
          groups.forEach(
              (guild, named) -> {
                Setup s = Setup.EMPTY;
                for (var e : named.entrySet()) {
                  s = s.withGroup(e.getKey(), e.getValue());
                }
                all.merge(guild, s, Setup::merge);
              });
          h.createQuery("SELECT guild_id, required_role_id, modlog_channel_id FROM role_settings")
              .map(
                  (rs, ctx) ->
                      new Object[] {
                        rs.getLong(1), rs.getObject(2, Long.class), rs.getObject(3, Long.class)
                      })
              .forEach(
                  r ->
                      all.merge(
                          (Long) r[0],
                          Setup.EMPTY.withRequired((Long) r[1]).withModlog((Long) r[2]),
                          Setup::merge));
          h.createQuery(
                  "SELECT guild_id, channel_id, message_id FROM role_panel_messages"
                      + " ORDER BY guild_id, part")
              .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
              .forEach(
                  r ->
                      all.merge(
                          r[0],
                          Setup.EMPTY.withPanel(List.of(new PanelMessage(r[1], r[2]))),
                          Setup::merge));
        });
    return all;
  }

  void selfServe(long guild, long role, boolean on, boolean forced) {
    jdbi.useHandle(
        h -> {
          if (on) {
            h.execute(
                "INSERT INTO role_self_serve (guild_id, role_id, forced) VALUES (?, ?, ?)"
                    + " ON CONFLICT (guild_id, role_id) DO UPDATE SET forced = EXCLUDED.forced",
                guild,
                role,
                forced);
          } else {
            h.execute(
                "DELETE FROM role_self_serve WHERE guild_id = ? AND role_id = ?", guild, role);
          }
        });
  }

  void manager(long guild, long manager, long managed, boolean on, boolean forced) {
    jdbi.useHandle(
        h -> {
          if (on) {
            h.execute(
                "INSERT INTO role_managers (guild_id, manager_role_id, managed_role_id, forced)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                guild,
                manager,
                managed,
                forced);
          } else {
            h.execute(
                "DELETE FROM role_managers WHERE guild_id = ? AND manager_role_id = ?"
                    + " AND managed_role_id = ?",
                guild,
                manager,
                managed);
          }
        });
  }

  void hidden(long guild, long role, boolean on) {
    toggle("role_hidden", guild, role, on);
  }

  void autorole(long guild, long role, boolean on) {
    toggle("role_autoroles", guild, role, on);
  }

  private void toggle(String table, long guild, long role, boolean on) {
    jdbi.useHandle(
        h -> {
          if (on) {
            h.execute(
                "INSERT INTO "
                    + table
                    + " (guild_id, role_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                guild,
                role);
          } else {
            h.execute("DELETE FROM " + table + " WHERE guild_id = ? AND role_id = ?", guild, role);
          }
        });
  }

  /** Replaces a group's roles (none: the group goes); a role leaves any other group it was in. */
  void group(long guild, String name, List<Long> roles) {
    jdbi.useTransaction(
        h -> {
          h.execute("DELETE FROM role_groups WHERE guild_id = ? AND name = ?", guild, name);
          for (long role : roles) {
            h.execute(
                "INSERT INTO role_groups (guild_id, name, role_id) VALUES (?, ?, ?)"
                    + " ON CONFLICT (guild_id, role_id) DO UPDATE SET name = EXCLUDED.name",
                guild,
                name,
                role);
          }
        });
  }

  void required(long guild, Long role) {
    setting(guild, "required_role_id", role);
  }

  void modlog(long guild, Long channel) {
    setting(guild, "modlog_channel_id", channel);
  }

  private void setting(long guild, String column, Long value) {
    jdbi.useHandle(
        h ->
            h.execute(
                "INSERT INTO role_settings (guild_id, "
                    + column
                    + ") VALUES (?, ?) ON CONFLICT (guild_id) DO UPDATE SET "
                    + column
                    + " = EXCLUDED."
                    + column,
                guild,
                value));
  }

  /** Replaces the server's panel messages. */
  void panel(long guild, List<PanelMessage> messages) {
    jdbi.useTransaction(
        h -> {
          h.execute("DELETE FROM role_panel_messages WHERE guild_id = ?", guild);
          for (int i = 0; i < messages.size(); i++) {
            h.execute(
                "INSERT INTO role_panel_messages (guild_id, channel_id, message_id, part)"
                    + " VALUES (?, ?, ?, ?)",
                guild,
                messages.get(i).channelId(),
                messages.get(i).messageId(),
                i);
          }
        });
  }

  void dropServer(long guild) {
    jdbi.useTransaction(
        h -> {
          for (String table :
              List.of(
                  "role_self_serve",
                  "role_managers",
                  "role_hidden",
                  "role_autoroles",
                  "role_groups",
                  "role_settings",
                  "role_panel_messages")) {
            h.execute("DELETE FROM " + table + " WHERE guild_id = ?", guild);
          }
        });
  }
}
