package dev.cogworks.api.component;

import java.util.Objects;

/**
 * A component handler a cog declares (in {@code Cog.components()}): clicks on buttons and choices
 * in select menus whose {@link ComponentId} names this cog and this handler run it.
 */
public record ComponentSpec(String name, ComponentHandler handler) {
  public ComponentSpec {
    if (name == null || !name.matches("[a-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException(
          "component handler name '" + name + "' must be 1-32 lower-case letters, digits, - or _");
    }
    Objects.requireNonNull(handler, "handler");
  }

  public static ComponentSpec of(String name, ComponentHandler handler) {
    return new ComponentSpec(name, handler);
  }
}
