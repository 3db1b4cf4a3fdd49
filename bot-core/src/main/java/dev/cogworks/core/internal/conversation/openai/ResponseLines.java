package dev.cogworks.core.internal.conversation.openai;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One response, line by line, for the thread that asked. The HTTP client's threads put the status,
 * each line and the end (or failure) in a queue; the asking thread takes them with a deadline. So a
 * stalled body cannot hold the thread past the deadline (the client's own request timeout stops at
 * the headers), an interrupt stops the wait at once, and {@link #cancel()} closes the connection.
 * The asking thread requests one line after each it took, so a fast server cannot fill memory.
 */
final class ResponseLines implements Flow.Subscriber<String> {
  /** What the asking thread takes, in order: one {@link Head}, lines, then {@link End}. */
  sealed interface Event permits Head, Line, End, Failed {}

  record Head(int status, HttpHeaders headers) implements Event {}

  record Line(String text) implements Event {}

  record End() implements Event {}

  record Failed(Throwable cause) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Object lock = new Object();
  private Flow.Subscription subscription;
  private boolean cancelled;

  /** Reads the body as UTF-8 lines (\n, \r\n or \r, as server-sent events allow) into this. */
  HttpResponse.BodyHandler<Void> handler() {
    return info -> {
      events.add(new Head(info.statusCode(), info.headers()));
      return HttpResponse.BodySubscribers.fromLineSubscriber(this);
    };
  }

  /** The request failed before or during the body (the client's future completed with it). */
  void fail(Throwable cause) {
    events.add(new Failed(cause));
  }

  /**
   * The next event, waiting at most until {@code deadline}.
   *
   * @throws TimeoutException when the deadline passed first
   */
  Event next(Instant deadline) throws InterruptedException, TimeoutException {
    long waitNanos = Duration.between(Instant.now(), deadline).toNanos();
    Event event = events.poll(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
    if (event == null) {
      throw new TimeoutException("no answer before the deadline");
    }
    if (event instanceof Line) {
      synchronized (lock) {
        if (subscription != null && !cancelled) {
          subscription.request(1);
        }
      }
    }
    return event;
  }

  /** Stops reading: the client closes the connection. Safe to call more than once, and early. */
  void cancel() {
    synchronized (lock) {
      cancelled = true;
      if (subscription != null) {
        subscription.cancel();
      }
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    synchronized (lock) {
      subscription = s;
      if (cancelled) {
        s.cancel();
        return;
      }
    }
    s.request(1);
  }

  @Override
  public void onNext(String line) {
    events.add(new Line(line));
  }

  @Override
  public void onError(Throwable cause) {
    events.add(new Failed(cause));
  }

  @Override
  public void onComplete() {
    events.add(new End());
  }
}
