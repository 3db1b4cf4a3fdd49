package dev.cogworks.core.internal.conversation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The conversation queue's figures in Micrometer ({@code cogworks.conversation.*}): its size and
 * capacity, requests by how they ended, and how long people waited and were answered in.
 */
public final class ConversationMetrics {
  private final MeterRegistry registry;
  private final Counter accepted;
  private final Map<RequestStatus, Counter> ended = new EnumMap<>(RequestStatus.class);
  private final Timer waited;
  private final Timer answered;

  public ConversationMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.accepted =
        Counter.builder("cogworks.conversation.accepted")
            .description("requests taken into the queue")
            .register(registry);
    for (RequestStatus status : RequestStatus.values()) {
      if (!status.active()) {
        ended.put(
            status,
            Counter.builder("cogworks.conversation.ended")
                .description("requests that ended, by how")
                .tag("status", status.name().toLowerCase(Locale.ROOT))
                .register(registry));
      }
    }
    this.waited = timer("cogworks.conversation.wait", "time from asking to the answer starting");
    this.answered = timer("cogworks.conversation.total", "time from asking to the answer ending");
  }

  private Timer timer(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentiles(0.5, 0.95, 0.99)
        .register(registry);
  }

  void watch(ConversationQueue queue) {
    Gauge.builder("cogworks.conversation.waiting", queue, q -> q.snapshot().waiting().size())
        .description("requests waiting")
        .register(registry);
    Gauge.builder("cogworks.conversation.answering", queue, q -> q.snapshot().answering().size())
        .description("requests being answered")
        .register(registry);
    Gauge.builder("cogworks.conversation.capacity", queue, ConversationQueue::capacity)
        .description("conversation.max_queue_size")
        .register(registry);
  }

  void accepted() {
    accepted.increment();
  }

  void ended(RequestStatus status) {
    ended.get(status).increment();
  }

  void waited(Duration wait) {
    waited.record(wait);
  }

  void answered(Duration total) {
    answered.record(total);
  }

  /** The figures at this moment, for the queue monitor and {@code conversation queue}. */
  public Stats stats(ConversationQueue queue) {
    ConversationQueue.Snapshot now = queue.snapshot();
    return new Stats(
        now.waiting().size(),
        now.answering().size(),
        queue.capacity(),
        now.paused(),
        (long) accepted.count(),
        (long) ended.get(RequestStatus.COMPLETED).count(),
        (long) ended.get(RequestStatus.FAILED).count(),
        (long) ended.get(RequestStatus.EXPIRED).count(),
        (long) ended.get(RequestStatus.CANCELLED).count(),
        percentile(waited, 0.5),
        percentile(waited, 0.99),
        percentile(answered, 0.5),
        percentile(answered, 0.99));
  }

  private static Duration percentile(Timer timer, double which) {
    for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
      if (value.percentile() == which) {
        return Duration.ofNanos((long) value.value(TimeUnit.NANOSECONDS));
      }
    }
    return Duration.ZERO;
  }

  /** The queue's figures; durations are percentiles over the recent past (Micrometer's window). */
  public record Stats(
      int waiting,
      int answering,
      int capacity,
      boolean paused,
      long accepted,
      long completed,
      long failed,
      long expired,
      long cancelled,
      Duration waitP50,
      Duration waitP99,
      Duration totalP50,
      Duration totalP99) {}
}
