package dev.cogworks.core.internal.relay;

/**
 * A request on its way to the engine. An edit may carry {@code merged}: an earlier edit of the same
 * message that this bot instance published and no worker has taken yet, rewritten with both edits'
 * content (the newer wins). The engine then replaces that earlier request with {@code merged}
 * instead of adding this one, so a message edited faster than its channel's bucket allows is edited
 * once with its latest content rather than once per change; when no worker has taken it is decided
 * by the engine, at the moment of publishing.
 */
public record Outgoing(WireRequest request, WireRequest merged) {
  public static Outgoing plain(WireRequest request) {
    return new Outgoing(request, null);
  }

  /** The request the engine should replace, when it still waits; null for a plain request. */
  public String replaces() {
    return merged == null ? null : merged.requestId();
  }
}
