package dev.cogworks.core.internal.relay;

import java.util.Optional;

/**
 * How a worker settles a claimed request in the engine: with its answer, dropped unanswered (past
 * its deadline; the bot has given up), or handed back to run again (it may not start here).
 */
sealed interface Settlement {
  Settlement DROP = new Drop();
  Settlement HAND_BACK = new HandBack();

  /** Records it; may hand back the channel's next request. Throws when the engine cannot. */
  <H> Optional<ClaimedRequest<H>> record(RelayInbox<H> inbox, ClaimedRequest<H> request);

  record Answer(WireResponse answer) implements Settlement {
    @Override
    public <H> Optional<ClaimedRequest<H>> record(RelayInbox<H> inbox, ClaimedRequest<H> request) {
      return inbox.complete(request, answer);
    }
  }

  record Drop() implements Settlement {
    @Override
    public <H> Optional<ClaimedRequest<H>> record(RelayInbox<H> inbox, ClaimedRequest<H> request) {
      return inbox.drop(request);
    }
  }

  record HandBack() implements Settlement {
    @Override
    public <H> Optional<ClaimedRequest<H>> record(RelayInbox<H> inbox, ClaimedRequest<H> request) {
      inbox.release(request);
      return Optional.empty();
    }
  }
}
