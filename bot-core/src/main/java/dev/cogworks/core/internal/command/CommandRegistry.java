package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.CommandSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every command by name, in registration order; the first cog to claim a name keeps it. */
public final class CommandRegistry {
  private static final Logger log = LoggerFactory.getLogger(CommandRegistry.class);

  private final Map<String, RegisteredCommand> commands = new LinkedHashMap<>();

  public void register(String cog, CommandSpec spec) {
    RegisteredCommand existing = commands.get(spec.name());
    if (existing != null) {
      log.error(
          "Command {} of cog {} is skipped: cog {} already has a command of that name",
          spec.name(),
          cog,
          existing.cog());
      return;
    }
    commands.put(spec.name(), new RegisteredCommand(cog, spec));
  }

  public Optional<RegisteredCommand> find(String name) {
    return Optional.ofNullable(commands.get(name));
  }

  public Collection<RegisteredCommand> all() {
    return commands.values();
  }

  /** The name among {@code candidates} closest to a mistyped one, for "did you mean". */
  public Optional<String> closest(String typo, Predicate<RegisteredCommand> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (RegisteredCommand command : commands.values()) {
      if (!candidates.test(command)) {
        continue;
      }
      String name = command.spec().name();
      int distance = distance(typo, name);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = name;
      }
    }
    // Two edits (a swapped pair of letters counts as two) catch most typos of short names.
    return bestDistance <= Math.max(2, typo.length() / 3)
        ? Optional.ofNullable(best)
        : Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
