package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.SendOptions;
import dev.cogworks.core.internal.messaging.InProcessTransport.ChannelLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LaneScheduler: which channel's request goes next")
class LaneSchedulerTest {
  private static final Duration WINDOW = Duration.ofHours(1);

  private final ManualTimers timers = new ManualTimers();
  private LaneScheduler lanes;
  private long sequence;

  /** Lanes with {@code limit} (null: none); a timer's rejoin runs here as the queue runs it. */
  private void newLanes(ChannelLimit limit) {
    lanes = new LaneScheduler(limit, timers, lane -> lanes.rejoined(lane));
  }

  /** Adds a request in {@code channel}, younger than every one before it. */
  private QueuedRequest add(long channel, Priority priority) {
    var send =
        new DiscordRequest.SendMessage(
            channel, "r" + (sequence + 1), SendOptions.DEFAULT.withPriority(priority));
    QueuedRequest request = new QueuedRequest(++sequence, send, Instant.EPOCH, Instant.MAX);
    lanes.add(request);
    return request;
  }

  /** Takes a request and finishes it at once. */
  private QueuedRequest run() {
    QueuedRequest next = lanes.take();
    lanes.finished(next);
    return next;
  }

  /**
   * An hour passes for the channel's window. LaneScheduler reads System.nanoTime, so the lane's
   * start times move back by the window instead.
   */
  private void windowPasses(long channel) {
    var started = lanes.lane(channel).started;
    List<Long> aged = started.stream().map(t -> t - WINDOW.toNanos()).toList();
    started.clear();
    started.addAll(aged);
  }

  @Test
  @DisplayName("Across channels the highest-priority head goes first; among equals the oldest")
  void priorityThenAge() {
    newLanes(null);
    QueuedRequest low = add(1, Priority.LOW);
    QueuedRequest normal = add(2, Priority.NORMAL);
    QueuedRequest high = add(3, Priority.HIGH);
    QueuedRequest youngerNormal = add(4, Priority.NORMAL);

    List<QueuedRequest> taken = List.of(lanes.take(), lanes.take(), lanes.take(), lanes.take());

    assertThat(taken).containsExactly(high, normal, youngerNormal, low);
    assertThat(lanes.hasReady()).isFalse();
  }

  @Test
  @DisplayName("Within a channel: priority first, then submission order")
  void withinOneChannel() {
    newLanes(null);
    QueuedRequest low = add(1, Priority.LOW);
    QueuedRequest first = add(1, Priority.NORMAL);
    QueuedRequest critical = add(1, Priority.CRITICAL);
    QueuedRequest second = add(1, Priority.NORMAL);

    assertThat(List.of(run(), run(), run(), run())).containsExactly(critical, first, second, low);
  }

  @Test
  @DisplayName("A channel is busy from take until finished: its next request waits, others go")
  void busyUntilFinished() {
    newLanes(null);
    QueuedRequest first = add(1, Priority.NORMAL);
    QueuedRequest second = add(1, Priority.NORMAL);
    QueuedRequest elsewhere = add(2, Priority.LOW);

    assertThat(lanes.take()).isSameAs(first);
    QueuedRequest urgent = add(1, Priority.CRITICAL);
    assertThat(lanes.take()).as("channel 1 is busy, whatever waits there").isSameAs(elsewhere);
    assertThat(lanes.hasReady()).isFalse();

    lanes.finished(first);

    assertThat(List.of(run(), run())).containsExactly(urgent, second);
  }

  @Test
  @DisplayName("A waiting request can be removed, and the order follows the new head")
  void removeWaiting() {
    newLanes(null);
    QueuedRequest high = add(1, Priority.HIGH);
    QueuedRequest normal = add(2, Priority.NORMAL);
    QueuedRequest low = add(1, Priority.LOW);

    assertThat(lanes.remove(high)).isTrue();

    assertThat(lanes.take()).as("channel 1's head is now LOW").isSameAs(normal);
    assertThat(lanes.take()).isSameAs(low);
    assertThat(lanes.remove(low)).as("already taken").isFalse();
    lanes.finished(normal);
    lanes.finished(low);
    assertThat(lanes.hasReady()).isFalse();
    assertThat(lanes.lanes()).as("idle lanes are dropped").isEmpty();
  }

  @Test
  @DisplayName(
      "With a per-channel window, a channel at its limit waits for a timer; others go on;"
          + " an early timer waits again; once the window passes the channel rejoins")
  void channelWindow() {
    newLanes(new ChannelLimit(2, WINDOW));
    add(1, Priority.NORMAL);
    add(1, Priority.NORMAL);
    QueuedRequest third = add(1, Priority.NORMAL);
    run();
    run();

    assertThat(lanes.hasReady()).as("2 started within the window").isFalse();
    assertThat(timers.delays())
        .singleElement()
        .satisfies(d -> assertThat(d).isPositive().isLessThanOrEqualTo(WINDOW));
    QueuedRequest elsewhere = add(2, Priority.NORMAL);
    assertThat(lanes.take()).isSameAs(elsewhere);

    timers.fire();
    assertThat(lanes.hasReady()).as("the window has not passed").isFalse();
    assertThat(timers.delays()).as("a new timer").hasSize(1);

    windowPasses(1);
    timers.fire();
    assertThat(lanes.take()).isSameAs(third);
  }

  @Test
  @DisplayName(
      "With a per-channel window, an idle channel still counts its recent starts,"
          + " and is dropped once they leave the window")
  void idleChannelKeepsItsWindow() {
    newLanes(new ChannelLimit(1, WINDOW));
    add(1, Priority.NORMAL);
    run();

    QueuedRequest later = add(1, Priority.NORMAL);
    assertThat(lanes.hasReady()).as("the earlier start still counts").isFalse();
    windowPasses(1);
    timers.fire();
    assertThat(lanes.take()).isSameAs(later);
    lanes.finished(later);

    windowPasses(1);
    timers.fire();
    assertThat(lanes.lanes()).isEmpty();
  }

  /** Timers that fire only when the test says so; each remembers its delay. */
  private static final class ManualTimers extends ScheduledThreadPoolExecutor {
    private record Timer(Runnable task, Duration delay) {}

    private final List<Timer> pending = new ArrayList<>();

    ManualTimers() {
      super(0);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
      pending.add(new Timer(task, Duration.ofNanos(unit.toNanos(delay))));
      return null; // LaneScheduler keeps no handle on its timers
    }

    List<Duration> delays() {
      return pending.stream().map(Timer::delay).toList();
    }

    /** Fires every pending timer; timers they set wait for the next call. */
    void fire() {
      List<Timer> due = List.copyOf(pending);
      pending.clear();
      due.forEach(t -> t.task().run());
    }
  }
}
