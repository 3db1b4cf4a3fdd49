package dev.cogworks.role;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One server's role setup, as `role config` shows it: immutable, replaced as a whole on each change
 * so that readers never see half of one.
 *
 * @param managers manager role → the roles its members may give others
 * @param forced roles made self-serve or managed despite dangerous permissions
 * @param groups exclusive groups by name, each role in at most one
 */
record Setup(
    Set<Long> selfServe,
    Set<Long> forced,
    Map<Long, Set<Long>> managers,
    Set<Long> hidden,
    Set<Long> autoroles,
    Map<String, List<Long>> groups,
    Long requiredRole,
    Long modlogChannel,
    List<PanelMessage> panel) {
  static final Setup EMPTY =
      new Setup(Set.of(), Set.of(), Map.of(), Set.of(), Set.of(), Map.of(), null, null, List.of());

  Setup {
    selfServe = Set.copyOf(selfServe);
    forced = Set.copyOf(forced);
    Map<Long, Set<Long>> m = new LinkedHashMap<>();
    managers.forEach((k, v) -> m.put(k, Set.copyOf(v)));
    managers = Map.copyOf(m);
    hidden = Set.copyOf(hidden);
    autoroles = Set.copyOf(autoroles);
    Map<String, List<Long>> g = new TreeMap<>();
    groups.forEach((k, v) -> g.put(k, List.copyOf(v)));
    groups = java.util.Collections.unmodifiableMap(g);
    panel = List.copyOf(panel);
  }

  Setup withSelfServe(long role, boolean on, boolean force) {
    return new Setup(
        with(selfServe, role, on),
        with(forced, role, on && force),
        managers,
        hidden,
        autoroles,
        groups,
        requiredRole,
        modlogChannel,
        panel);
  }

  Setup withManager(long manager, long managed, boolean on) {
    Map<Long, Set<Long>> m = new LinkedHashMap<>(managers);
    Set<Long> roles = with(m.getOrDefault(manager, Set.of()), managed, on);
    if (roles.isEmpty()) {
      m.remove(manager);
    } else {
      m.put(manager, roles);
    }
    return new Setup(
        selfServe, forced, m, hidden, autoroles, groups, requiredRole, modlogChannel, panel);
  }

  Setup withForced(long role) {
    return new Setup(
        selfServe,
        with(forced, role, true),
        managers,
        hidden,
        autoroles,
        groups,
        requiredRole,
        modlogChannel,
        panel);
  }

  Setup withHidden(long role, boolean on) {
    return new Setup(
        selfServe,
        forced,
        managers,
        with(hidden, role, on),
        autoroles,
        groups,
        requiredRole,
        modlogChannel,
        panel);
  }

  Setup withAutorole(long role, boolean on) {
    return new Setup(
        selfServe,
        forced,
        managers,
        hidden,
        with(autoroles, role, on),
        groups,
        requiredRole,
        modlogChannel,
        panel);
  }

  /** Sets a group's roles (empty: the group goes); its roles leave any other group. */
  Setup withGroup(String name, List<Long> roles) {
    Map<String, List<Long>> g = new TreeMap<>();
    groups.forEach(
        (n, r) -> {
          List<Long> kept = new ArrayList<>(r);
          kept.removeAll(roles);
          if (!n.equals(name) && !kept.isEmpty()) {
            g.put(n, kept);
          }
        });
    if (!roles.isEmpty()) {
      g.put(name, List.copyOf(new LinkedHashSet<>(roles)));
    }
    return new Setup(
        selfServe, forced, managers, hidden, autoroles, g, requiredRole, modlogChannel, panel);
  }

  Setup withRequired(Long role) {
    return new Setup(
        selfServe, forced, managers, hidden, autoroles, groups, role, modlogChannel, panel);
  }

  Setup withModlog(Long channel) {
    return new Setup(
        selfServe, forced, managers, hidden, autoroles, groups, requiredRole, channel, panel);
  }

  Setup withPanel(List<PanelMessage> messages) {
    return new Setup(
        selfServe,
        forced,
        managers,
        hidden,
        autoroles,
        groups,
        requiredRole,
        modlogChannel,
        messages);
  }

  /** The group {@code role} belongs to, if any. */
  Optional<Map.Entry<String, List<Long>>> groupOf(long role) {
    return groups.entrySet().stream().filter(e -> e.getValue().contains(role)).findFirst();
  }

  /** The roles members of any of {@code memberRoles} may give others through manager roles. */
  Set<Long> managedBy(Collection<Long> memberRoles) {
    Set<Long> result = new LinkedHashSet<>();
    for (long r : memberRoles) {
      result.addAll(managers.getOrDefault(r, Set.of()));
    }
    return result;
  }

  /** Two partial setups read from different tables, as one. */
  Setup merge(Setup other) {
    Set<Long> ss = new LinkedHashSet<>(selfServe);
    ss.addAll(other.selfServe);
    Set<Long> f = new LinkedHashSet<>(forced);
    f.addAll(other.forced);
    Map<Long, Set<Long>> m = new LinkedHashMap<>();
    managers.forEach((k, v) -> m.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(v));
    other.managers.forEach((k, v) -> m.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(v));
    Set<Long> h = new LinkedHashSet<>(hidden);
    h.addAll(other.hidden);
    Set<Long> a = new LinkedHashSet<>(autoroles);
    a.addAll(other.autoroles);
    Map<String, List<Long>> g = new TreeMap<>(groups);
    g.putAll(other.groups);
    List<PanelMessage> p = new ArrayList<>(panel);
    p.addAll(other.panel);
    return new Setup(
        ss,
        f,
        m,
        h,
        a,
        g,
        other.requiredRole != null ? other.requiredRole : requiredRole,
        other.modlogChannel != null ? other.modlogChannel : modlogChannel,
        p);
  }

  private static Set<Long> with(Set<Long> set, long value, boolean on) {
    Set<Long> copy = new LinkedHashSet<>(set);
    if (on) {
      copy.add(value);
    } else {
      copy.remove(value);
    }
    return copy;
  }
}
