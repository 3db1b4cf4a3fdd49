package dev.cogworks.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.Results.SentMessage;
import dev.cogworks.app.PlatformHarness;
import dev.cogworks.app.testcogs.ProbeCog;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.RelayTransport;
import dev.cogworks.testkit.TestEngines;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("external_gateway with outage_buffer = 3: an outage is bridged in memory, up to 3")
class ExternalOutageBufferTest {
  private static final int PORT = TestEngines.freePort();
  private static final Path DATA = TestEngines.tempDir("cogworks-gw-buffer-pg");
  private static EmbeddedPostgres postgres = TestEngines.newPostgres(PORT, DATA);
  private static final ProbeCog probe = new ProbeCog();

  @RegisterExtension
  static final PlatformHarness bot =
      PlatformHarness.with(probe)
          .externalGateway("postgresql", TestEngines.jdbcUrl(PORT), 1)
          .config("messaging.gateway.outage_buffer", 3);

  @AfterAll
  static void closeEngine() {
    TestEngines.close(postgres);
  }

  @Test
  @DisplayName(
      "Submissions during the outage wait and go out when PostgreSQL returns; the 4th fails")
  void bridgesOutage() throws Exception {
    long channel = bot.channel("general").id;
    assertThat(probe.send(channel, "before").get(20, TimeUnit.SECONDS).id()).isPositive();

    TestEngines.close(postgres);
    // The first submission finds the outage and waits in the buffer.
    List<CompletableFuture<SentMessage>> waiting = new ArrayList<>();
    waiting.add(probe.send(channel, "during-0"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !bot.bot()
                    .messaging()
                    .transport(RelayTransport.class)
                    .orElseThrow()
                    .engineReachable());
    waiting.add(probe.send(channel, "during-1"));
    waiting.add(probe.send(channel, "during-2"));
    CompletableFuture<SentMessage> overflow = probe.send(channel, "overflow");
    ExecutionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> overflow.get(5, TimeUnit.SECONDS));
    assertThat(refused.getCause())
        .isInstanceOf(RelayException.class)
        .hasMessageContaining("3 already wait");
    assertThat(waiting).noneMatch(CompletableFuture::isDone);

    postgres = TestEngines.newPostgres(PORT, DATA);

    CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    List<String> contents =
        bot.sim().control().messages(channel).stream().map(m -> m.content).toList();
    assertThat(contents).containsSubsequence("before", "during-0", "during-1", "during-2");
    assertThat(contents).doesNotContain("overflow");
  }

  @Test
  @DisplayName(
      "Stopping during an outage keeps what waits, the batch being handed over included; it goes"
          + " out once after the restart")
  void keptWhenStoppedDuringOutage() throws Exception {
    long channel = bot.channel("music").id;
    assertThat(probe.send(channel, "before the outage").get(20, TimeUnit.SECONDS).id())
        .isPositive();

    TestEngines.close(postgres);
    probe.send(channel, "kept-0");
    await()
        .until(
            () ->
                !bot.bot()
                    .messaging()
                    .transport(RelayTransport.class)
                    .orElseThrow()
                    .engineReachable());
    probe.send(channel, "kept-1");
    bot.bot().close(); // while the publisher still holds "kept-0", trying to hand it over

    postgres = TestEngines.newPostgres(PORT, DATA);
    bot.restartBot();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        bot.sim().control().messages(channel).stream()
                            .map(m -> m.content)
                            .filter(c -> c.startsWith("kept-"))
                            .toList())
                    .containsExactly("kept-0", "kept-1"));
  }
}
