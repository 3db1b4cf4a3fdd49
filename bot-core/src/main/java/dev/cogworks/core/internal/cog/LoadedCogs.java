package dev.cogworks.core.internal.cog;

import dev.cogworks.api.Cog;
import java.util.List;
import java.util.Map;

/**
 * The outcome of loading cogs: which run, and why each of the others does not (its cause, for the
 * log, {@code help} and the monitor).
 */
public record LoadedCogs(List<Cog> running, Map<String, String> failed) {
  public LoadedCogs {
    running = List.copyOf(running);
    failed = Map.copyOf(failed);
  }
}
