package dev.cogworks.core.internal.relay.postgres;

/**
 * The gateway's table and channel names, all derived from the two configured ones (validated as
 * plain identifiers, so they are safe to put in SQL).
 */
record PostgresNames(String requests, String responses) {
  String workers() {
    return requests + "_workers";
  }

  /** Each route key's oldest queued request (V3__channel_heads.sql). */
  String heads() {
    return requests + "_heads";
  }

  /** The engine-wide switches (V5__control.sql). */
  String control() {
    return requests + "_control";
  }

  String buckets() {
    return requests + "_buckets";
  }

  String global() {
    return requests + "_global";
  }

  /** The NOTIFY channel that wakes workers. */
  String requestChannel() {
    return requests;
  }

  /** The NOTIFY channel of cache invalidations, from the bot to every worker. */
  String invalidationChannel() {
    return requests + "_invalidations";
  }

  /** The NOTIFY channel of one bot instance's answers (identifiers hold at most 63 bytes). */
  String answerChannel(String instance) {
    return responses + "_" + instance;
  }
}
