package dev.cogworks.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.markov.MarkovStore.ChannelRow;
import dev.cogworks.sim.model.SimChannel;
import dev.cogworks.sim.model.SimMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What depends on how requests travel, run in every messaging mode: learning through history reads,
 * `speak` answering, and a deleted channel's error reaching the cog typed.
 */
abstract class MarkovContract extends MarkovSteps {
  @Test
  @DisplayName(
      "markov on: backfills seeded history, speaks from it, and stops cleanly on a deleted channel")
  void learnsSpeaksAndStopsWhenTheChannelIsDeleted() {
    SimChannel channel = newChannel("learn");
    seed(channel, 200, 1);
    markovOn(channel);
    awaitStored(channel, 200);

    bot().post("alice", channel, "!speak the quick");
    SimMessage spoken = bot().awaitReply(channel, "^the quick ");
    assertThat(spoken.mentions).isEmpty();

    bot().sim().control().deleteChannel(channel.id);
    await("learning stopped in the deleted channel")
        .atMost(PATIENCE)
        .until(
            () ->
                cog().text().store().channels(bot().guild().id).stream()
                    .filter(r -> r.channelId() == channel.id)
                    .map(ChannelRow::stoppedReason)
                    .anyMatch("the channel was deleted"::equals));
    assertThat(stored(channel)).as("what was learned follows the retention rules").hasSize(200);
  }
}
