package dev.cogworks.api.messaging;

import java.util.List;

/**
 * One row of components under a message: up to five buttons, or one select menu. A message has at
 * most five rows.
 */
public record ActionRow(List<Component> components) {
  public static final int MAX_ROWS = 5;

  public ActionRow {
    components = List.copyOf(components);
    long menus = components.stream().filter(c -> c instanceof Component.SelectMenu).count();
    if (components.isEmpty() || components.size() > 5 || (menus > 0 && components.size() > 1)) {
      throw new IllegalArgumentException("a row holds 1-5 buttons or exactly one select menu");
    }
  }

  public static ActionRow of(Component... components) {
    return new ActionRow(List.of(components));
  }

  /** Checks a message's rows against Discord's limit; null means none. */
  static List<ActionRow> checked(List<ActionRow> rows) {
    if (rows == null) {
      return null;
    }
    if (rows.size() > MAX_ROWS) {
      throw new IllegalArgumentException("a message has at most " + MAX_ROWS + " rows");
    }
    return List.copyOf(rows);
  }
}
