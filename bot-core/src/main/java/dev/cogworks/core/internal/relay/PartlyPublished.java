package dev.cogworks.core.internal.relay;

import java.util.Set;

/**
 * A batch the engine kept only in part: an engine spread over several servers (a Redis Cluster's
 * masters) keeps each partition's requests all or none, but not the batch. {@code kept} are the ids
 * of the requests it holds, {@code replaced} those that merged edits replaced; every other request
 * of the batch was not kept.
 */
public final class PartlyPublished extends RelayException {
  private final Set<String> kept;
  private final Set<String> replaced;

  public PartlyPublished(String message, Throwable cause, Set<String> kept, Set<String> replaced) {
    super(message, cause);
    this.kept = Set.copyOf(kept);
    this.replaced = Set.copyOf(replaced);
  }

  public Set<String> kept() {
    return kept;
  }

  public Set<String> replaced() {
    return replaced;
  }
}
