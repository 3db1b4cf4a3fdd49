package dev.cogworks.core.internal.relay.redis;

/**
 * A request's place in Redis: its partition's stream and entry id, the bot instance to answer, and
 * for an edit the hash holding its current body ({@code merge}, null for other requests), which
 * later edits of the same message rewrite until a worker starts it.
 */
record StreamEntry(int partition, String stream, String id, String replyTo, String merge) {
  @Override
  public String toString() {
    return stream + "/" + id;
  }
}
