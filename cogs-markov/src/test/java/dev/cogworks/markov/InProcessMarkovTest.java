package dev.cogworks.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.testkit.CogworksHarness;
import java.time.Duration;
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
      "A person's data deleted through another process of the bot: this process's model forgets"
          + " it at its next learning round")
  void followsDeletionsMadeElsewhere() {
    // Given a message learned here
    long guild = bot.guild().id;
    long channel = 515_151_515L;
    long person = 123_456_789L;
    cog.text()
        .ingest(
            guild,
            channel,
            List.of(
                new MarkovStore.Learned(
                    channel + 1, guild, channel, person, Instant.now(), "zzyzx quux")),
            channel + 1);
    assertModelMatchesStore();

    // When another process deletes the person's data: their rows leave the store, a deletion is
    // recorded, and this process's model was not told
    cog.text().store().deleteWhere("author_id = ?", person);
    cog.text().store().recordDeletion();

    // Then the next learning round rebuilds the model from the store
    cog.gatherer().wake();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(this::assertModelMatchesStore);
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
