package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.api.messaging.DiscordRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Dead letters are written off the threads that report them")
class DeadLetterWriterTest {
  @RegisterExtension static final CoreDatabase database = new CoreDatabase();

  private static DeadLetterWriter.Letter letter(long channel) {
    return new DeadLetterWriter.Letter(
        new DiscordRequest.DeleteMessage(channel, 1, null), "boom", 3, Instant.now(), 0);
  }

  @Test
  @DisplayName("Letters offered are written to core_dead_letters in batches")
  void writes() {
    try (DeadLetterWriter writer = new DeadLetterWriter(database.jdbi(), 1000)) {
      for (int i = 0; i < 250; i++) {
        assertThat(writer.offer(letter(7000 + i))).isTrue();
      }
      await()
          .until(
              () ->
                  database
                          .jdbi()
                          .withHandle(
                              h ->
                                  h.createQuery(
                                          "SELECT count(*) FROM core_dead_letters"
                                              + " WHERE route_key BETWEEN 7000 AND 7249")
                                      .mapTo(Integer.class)
                                      .one())
                      == 250);
    }
  }

  @Test
  @DisplayName(
      "Given letters of shards 0 and 1 in one database, a process of shard 1 lists, counts,"
          + " retries and discards only shard 1's")
  void perShard() {
    DeadLetters letters = new DeadLetters(database.jdbi());
    RuntimeException boom = new RuntimeException("boom");
    letters.record(new DiscordRequest.DeleteMessage(8100, 1, null), boom, 1, null, 0);
    letters.record(new DiscordRequest.DeleteMessage(8101, 1, null), boom, 1, null, 1);
    letters.close(Duration.ofSeconds(5)); // written

    letters.scope(java.util.List.of(1));
    assertThat(letters.list(100))
        .extracting(DeadLetters.DeadLetter::routeKey)
        .containsExactly(8101L);
    assertThat(letters.count()).isEqualTo(1);
    long ofShard0 =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT id FROM core_dead_letters WHERE route_key = 8100")
                        .mapTo(Long.class)
                        .one());
    assertThat(letters.retry(ofShard0, null)).isEmpty();
    assertThat(letters.discard(ofShard0)).isFalse();

    letters.scope(java.util.List.of(0));
    assertThat(letters.discard(ofShard0)).isTrue();
  }

  /**
   * A PostgreSQL that hangs (a socket that accepts and never answers) would hold a synchronous
   * writer for the whole connect timeout, per letter. The timeout here only guards against such a
   * hang; the behaviour asserted is what happens to the letters.
   */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  @DisplayName(
      "With PostgreSQL hanging, offering never waits: past the bound letters are dropped"
          + " and counted")
  void neverBlocks() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      Jdbi hanging =
          Jdbi.create(
              "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/none?connectTimeout=30",
              "x",
              "x");
      DeadLetterWriter writer = new DeadLetterWriter(hanging, 5);
      int accepted = 0;
      for (int i = 0; i < 50; i++) {
        if (writer.offer(letter(i))) {
          accepted++;
        }
      }
      // The writer holds at most one batch it is trying to write; the queue holds five more.
      assertThat(accepted).isLessThan(50);
      assertThat(writer.dropped()).isEqualTo(50 - accepted);
      writer.close(Duration.ofMillis(100));
    }
  }
}
