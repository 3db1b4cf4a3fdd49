package dev.cogworks.core.internal.relay;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.core.internal.messaging.EditMerge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the bot's side of the relay merges edits of one message: within a batch into the first, and
 * into the message's latest edit already in the engine while no worker has started it ({@link
 * Outgoing}). The merged edits' callers get the answer of the edit they went into. Used by the
 * publisher thread; it shares the transport's maps of requests waiting for an answer and of those
 * not yet handed to the engine.
 */
final class PublishedEdits {
  /**
   * The latest edit of each message that went to the engine as a request of its own and is not
   * answered yet; an answer removes its entry.
   */
  private static final class LatestEdit {
    final PendingAnswer pending;
    volatile WireRequest wire;

    LatestEdit(PendingAnswer pending, WireRequest wire) {
      this.pending = pending;
      this.wire = wire;
    }
  }

  private final Map<String, PendingAnswer> pending;
  private final Set<String> unpublished;
  private final Map<String, LatestEdit> latestEdits = new ConcurrentHashMap<>();
  private final AtomicLong mergedCount = new AtomicLong();

  // The edits this batch offers to merge into, by request id: the answer to one may arrive (and
  // unlist it) before the batch is published. Publisher thread only.
  private final Map<String, PendingAnswer> offeredLeaders = new HashMap<>();

  PublishedEdits(Map<String, PendingAnswer> pending, Set<String> unpublished) {
    this.pending = pending;
    this.unpublished = unpublished;
  }

  /** Edits merged into another instead of sent on their own. */
  long merged() {
    return mergedCount.get();
  }

  /**
   * Merges edits of one message within a batch into the first of them (its place, the newest
   * content); the callers of the later ones get the merged edit's answer.
   */
  List<WireRequest> mergeWithin(List<WireRequest> batch) {
    Map<String, Integer> firstEdit = new HashMap<>();
    List<WireRequest> merged = new ArrayList<>(batch.size());
    for (WireRequest w : batch) {
      if (w.request() instanceof DiscordRequest.EditMessage edit) {
        String key = EditMerge.key(edit);
        Integer at = firstEdit.get(key);
        if (at != null) {
          WireRequest leader = merged.get(at);
          PendingAnswer lead = pending.get(leader.requestId());
          if (lead != null && pending.containsKey(w.requestId())) {
            WireRequest combined =
                withRequest(
                    leader, EditMerge.merge((DiscordRequest.EditMessage) leader.request(), edit));
            merged.set(at, combined);
            lead.request = combined.request();
            follow(lead, w.requestId());
            continue;
          }
        }
        firstEdit.put(key, merged.size());
      }
      merged.add(w);
    }
    return merged;
  }

  /** The batch as outgoing requests: an edit merges into its message's latest edit if any. */
  List<Outgoing> offer(List<WireRequest> batch) {
    offeredLeaders.clear();
    List<Outgoing> outgoing = new ArrayList<>(batch.size());
    for (WireRequest w : batch) {
      LatestEdit latest =
          w.request() instanceof DiscordRequest.EditMessage edit
              ? latestEdits.get(EditMerge.key(edit))
              : null;
      if (latest == null || latest.pending.future.isDone()) {
        outgoing.add(Outgoing.plain(w));
      } else {
        offeredLeaders.put(latest.wire.requestId(), latest.pending);
        outgoing.add(
            new Outgoing(
                w,
                withRequest(
                    latest.wire,
                    EditMerge.merge(
                        (DiscordRequest.EditMessage) latest.wire.request(),
                        (DiscordRequest.EditMessage) w.request()))));
      }
    }
    return outgoing;
  }

  /**
   * After publishing: an edit the engine merged follows the request it went into; an edit added as
   * a request of its own becomes its message's latest edit.
   */
  void published(List<Outgoing> outgoing, Set<String> replaced) {
    for (Outgoing o : outgoing) {
      if (!(o.request().request() instanceof DiscordRequest.EditMessage edit)) {
        continue;
      }
      String key = EditMerge.key(edit);
      if (o.merged() != null && replaced.contains(o.replaces())) {
        LatestEdit latest = latestEdits.get(key);
        if (latest == null) {
          // The edit it went into was answered (and unlisted) while this batch was published:
          // its caller gets that answer all the same (the worker ran the merged content).
          PendingAnswer into = offeredLeaders.get(o.replaces());
          if (into != null) {
            follow(into, o.request().requestId());
          }
          continue;
        }
        latest.wire = o.merged();
        latest.pending.request = o.merged().request();
        follow(latest.pending, o.request().requestId());
        continue;
      }
      PendingAnswer own = pending.get(o.request().requestId());
      if (own != null) {
        LatestEdit latest = new LatestEdit(own, o.request());
        latestEdits.put(key, latest);
        own.future.whenComplete((ignored, failure) -> latestEdits.remove(key, latest));
      }
    }
  }

  /**
   * The request {@code followerId} was merged into {@code leader}: it waits for no answer of its
   * own and gets the leader's, which carries its content.
   */
  private void follow(PendingAnswer leader, String followerId) {
    unpublished.remove(followerId);
    PendingAnswer follower = pending.remove(followerId);
    if (follower == null) {
      return; // its caller gave up meanwhile
    }
    follower.timeout.cancel(false);
    mergedCount.incrementAndGet();
    leader.future.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            follower.future.complete(value);
          } else {
            follower.future.completeExceptionally(failure);
          }
        });
  }

  private static WireRequest withRequest(WireRequest wire, DiscordRequest<?> request) {
    return new WireRequest(
        wire.requestId(), request, wire.timestamp(), wire.deadline(), wire.replyTo());
  }
}
