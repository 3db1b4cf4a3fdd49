package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stands in for the transport while the mode switches: submissions are held here, in order, and
 * sent through the next transport once {@link #release} is called, after what the old transport
 * handed over. Never refuses: a switch delays requests, it does not fail them. Only used for the
 * moments of a switch, so its lock is not on the usual submit path.
 */
final class HeldRequests implements Transport {
  private final List<MovedRequest> held = new ArrayList<>();
  private Transport target;

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <R> CompletableFuture<R> submit(DiscordRequest<R> request) {
    if (target != null) {
      return target.submit(request); // released: a caller that read this stand-in late
    }
    CompletableFuture<Object> result = new CompletableFuture<>();
    held.add(new MovedRequest(request, result));
    return (CompletableFuture<R>) result;
  }

  /** How many wait. */
  synchronized int size() {
    return held.size();
  }

  /** Sends everything held through {@code next}, in order, and forwards later submissions to it. */
  synchronized void release(Transport next) {
    held.forEach(m -> ModeSwitch.sendThrough(next, m));
    held.clear();
    target = next;
  }
}
