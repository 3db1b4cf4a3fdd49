package dev.cogworks.core.internal.command;

import dev.cogworks.api.component.ComponentId;
import dev.cogworks.api.component.ComponentSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The component handlers of the running cogs, by cog and handler name. */
public final class ComponentRegistry {
  private final Map<String, Map<String, ComponentSpec>> byCog = new ConcurrentHashMap<>();

  /**
   * Registers a cog's handlers.
   *
   * @throws IllegalArgumentException when two handlers share a name, so the cog fails to load
   *     instead of routing clicks to the wrong one
   */
  public void register(String cog, List<ComponentSpec> components) {
    Map<String, ComponentSpec> handlers = new HashMap<>();
    for (ComponentSpec spec : components) {
      if (handlers.putIfAbsent(spec.name(), spec) != null) {
        throw new IllegalArgumentException(
            "cog " + cog + " has two component handlers named " + spec.name());
      }
    }
    byCog.put(cog, Map.copyOf(handlers));
  }

  /** The handler a component id names; empty when its cog is not running or lacks it. */
  Optional<ComponentSpec> find(ComponentId id) {
    return Optional.ofNullable(byCog.getOrDefault(id.cog(), Map.of()).get(id.handler()));
  }
}
