package dev.cogworks.core.internal.relay.redis;

/** A claimed request's place on Redis: its partition's stream, its entry id, whom to answer. */
record StreamEntry(int partition, String stream, String id, String replyTo) {
  @Override
  public String toString() {
    return stream + "/" + id;
  }
}
