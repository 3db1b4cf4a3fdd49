package dev.cogworks.markov;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.testkit.CogworksHarness;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Markov cog, messaging.mode = in_process")
class InProcessMarkovTest extends MarkovContract {
  static final MarkovCog cog = new MarkovCog();

  @RegisterExtension static final CogworksHarness bot = harness(cog, "in_process");

  @Override
  CogworksHarness bot() {
    return bot;
  }

  @Override
  MarkovCog cog() {
    return cog;
  }

  @Test
  @DisplayName(
      "A person's data deletion removes their messages from every server in the database, also"
          + " one this process has no model of (another shard's process learned it)")
  void deletionReachesServersOfOtherProcesses() {
    // Given a message stored by another process of the bot sharing this database: a server this
    // process never loaded (it was learned after this process started).
    long elsewhere = 424_242_424_242_424_242L;
    long person = 987_654_321L;
    cog.text()
        .store()
        .store(
            elsewhere + 1,
            List.of(
                new MarkovStore.Learned(
                    elsewhere + 2, elsewhere, elsewhere + 1, person, Instant.now(), "far away")),
            elsewhere + 2);

    // When the person's data is deleted (mydata delete)
    long deleted = cog.delete(person);

    // Then the message is gone from the database
    assertThat(deleted).isEqualTo(1);
    AtomicLong left = new AtomicLong();
    cog.text().store().forEach(m -> left.addAndGet(m.authorId() == person ? 1 : 0));
    assertThat(left.get()).isZero();
  }
}
