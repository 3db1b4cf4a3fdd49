package dev.cogworks.core.internal.relay.redis;

/**
 * The gateway's Redis keys, all derived from the two configured names. On a cluster ({@code
 * tagged}) the keys a script or transaction touches together share a hash tag, so they share a
 * slot: a partition's stream, owner and pending edits share {@code {<requests>:<partition>}} (each
 * partition its own slot, so partitions spread over the masters), the global budget and its
 * sequence {@code {<requests>:global}}. Every other key is only ever touched alone. A single server
 * keeps the untagged names it always had, so an upgrade finds the requests already queued.
 */
record RedisNames(String requests, String responses, int partitions, boolean tagged) {
  private String tag(String name) {
    return tagged ? "{" + name + "}" : name;
  }

  String stream(int partition) {
    return tag(requests + ":" + partition);
  }

  /** The partition of a stream named by {@link #stream}. */
  int partitionOf(String stream) {
    String bare = tagged ? stream.substring(0, stream.length() - 1) : stream;
    return Integer.parseInt(bare.substring(bare.lastIndexOf(':') + 1));
  }

  /**
   * The current body of an edit waiting in {@code partition}, which later edits of the same message
   * rewrite until a worker starts it. Named after its partition's stream, so it lives where the
   * stream does.
   */
  String edit(int partition, String requestId) {
    return stream(partition) + ":edit:" + requestId;
  }

  String owner(int partition) {
    return stream(partition) + ":owner";
  }

  String group() {
    return requests + ":workers";
  }

  String alive() {
    return requests + ":alive";
  }

  /** Set while the engine is paused: workers claim nothing. */
  String paused() {
    return requests + ":paused";
  }

  String global() {
    return tag(requests + ":global");
  }

  String globalSequence() {
    return global() + ":seq";
  }

  String buckets(long routeKey) {
    return requests + ":buckets:" + routeKey;
  }

  /** The pub/sub channel of cache invalidations, from the bot to every worker. */
  String invalidations() {
    return requests + ":invalidations";
  }

  String answers(String instance) {
    return responses + ":" + instance;
  }

  /**
   * The partition of a route key. Snowflakes' low bits are a per-process counter, so they are mixed
   * (SplitMix64's finaliser) before taking the remainder, to spread channels evenly.
   */
  int partition(long routeKey) {
    long z = routeKey + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (int) Math.floorMod(z, (long) partitions);
  }
}
