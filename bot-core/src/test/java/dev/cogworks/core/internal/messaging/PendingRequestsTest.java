package dev.cogworks.core.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogworks.api.messaging.DiscordRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Requests kept across a restart belong to their shard")
class PendingRequestsTest {
  @RegisterExtension static final CoreDatabase database = new CoreDatabase();

  @Test
  @DisplayName(
      "Processes sharing one database take back only their own shards' requests, in" + " order")
  void perShard() {
    PendingRequests pending = new PendingRequests(database.jdbi());
    // Route keys 100.. are on shard 0, 200.. on shard 1, as a ShardScope would say.
    List<DiscordRequest<?>> kept =
        List.of(
            new DiscordRequest.DeleteMessage(100, 1, null),
            new DiscordRequest.DeleteMessage(200, 2, null),
            new DiscordRequest.DeleteMessage(101, 3, null),
            new DiscordRequest.DeleteMessage(201, 4, null));
    pending.save(kept, request -> request.routeKey() >= 200 ? 1 : 0, Instant.now());

    assertThat(pending.take(List.of(1)))
        .containsExactly(
            new DiscordRequest.DeleteMessage(200, 2, null),
            new DiscordRequest.DeleteMessage(201, 4, null));
    assertThat(pending.take(List.of(1))).isEmpty();
    assertThat(pending.take(List.of(0)))
        .containsExactly(
            new DiscordRequest.DeleteMessage(100, 1, null),
            new DiscordRequest.DeleteMessage(101, 3, null));
  }
}
