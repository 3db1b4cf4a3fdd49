package dev.cogworks.core.internal.relay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.relay.ClaimedRequest;
import dev.cogworks.core.internal.relay.Outgoing;
import dev.cogworks.core.internal.relay.RelayInbox;
import dev.cogworks.core.internal.relay.WireRequest;
import dev.cogworks.core.internal.relay.WireResponse;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Merging edits on Redis: a worker reads requests ahead, so "not started" is marked in the edit's
 * own hash (sealed when the worker starts it), not by the read.
 */
@DisplayName("Redis engine: edits merge until a worker starts them")
class RedisEditMergeTest {
  private static RedisServer redis;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
    redis.start();
  }

  @AfterAll
  static void stop() throws Exception {
    redis.stop();
  }

  private static WireRequest edit(String content) {
    return WireRequest.create(
        new DiscordRequest.EditMessage(5, 99, content, null, null),
        Instant.now(),
        Duration.ofMinutes(5),
        "bot_test");
  }

  private static WireRequest rewritten(WireRequest wire, String content) {
    return new WireRequest(
        wire.requestId(),
        new DiscordRequest.EditMessage(5, 99, content, null, null),
        wire.timestamp(),
        wire.deadline(),
        wire.replyTo());
  }

  private static String content(ClaimedRequest<?> claimed) {
    return ((DiscordRequest.EditMessage) WireRequest.fromJson(claimed.json()).request()).content();
  }

  @Test
  @DisplayName(
      "An edit rewrites a waiting edit's body, even one read ahead; once started it is sealed")
  void mergeUntilSealed() throws Exception {
    String unique = "t" + Long.toHexString(System.nanoTime());
    var config =
        ConfigLoader.load(
            null,
            ConfigFactory.parseMap(
                Map.of(
                    "messaging.mode", "external_gateway",
                    "messaging.gateway.queue_type", "redis",
                    "messaging.gateway.request_queue", unique + "_requests",
                    "messaging.gateway.response_queue", unique + "_responses",
                    "messaging.gateway.redis.uri", "redis://127.0.0.1:" + port)),
            getClass().getClassLoader());
    try (RedisRelay relay = RedisRelay.open(config)) {
      WireRequest first = edit("1%");
      relay.client().publishMerging(List.of(Outgoing.plain(first)));
      @SuppressWarnings("unchecked")
      RelayInbox<StreamEntry> worker = (RelayInbox<StreamEntry>) relay.inbox();
      worker.start("w1");
      List<ClaimedRequest<StreamEntry>> claimed = new ArrayList<>();
      await().until(() -> claimed.addAll(worker.claim(10, Duration.ofMillis(200))));
      ClaimedRequest<StreamEntry> read = claimed.get(0);
      assertThat(worker.merges(read)).isTrue();

      WireRequest second = edit("2%");
      assertThat(
              relay.client().publishMerging(List.of(new Outgoing(second, rewritten(first, "2%")))))
          .as("read ahead by the worker but not started: still merges")
          .containsExactly(first.requestId());

      ClaimedRequest<StreamEntry> started = worker.seal(read);
      assertThat(content(read)).isEqualTo("1%");
      assertThat(content(started)).isEqualTo("2%");

      WireRequest third = edit("3%");
      assertThat(
              relay.client().publishMerging(List.of(new Outgoing(third, rewritten(first, "3%")))))
          .as("sealed: the third edit is a request of its own")
          .isEmpty();
      assertThat(content(worker.seal(read)))
          .as("sealing again gives the same body")
          .isEqualTo("2%");

      worker.complete(
          started,
          WireResponse.failure(
              first.requestId(), new IllegalStateException("test"), Instant.now(), 1, "w1"));
      List<ClaimedRequest<StreamEntry>> next = new ArrayList<>();
      await().until(() -> next.addAll(worker.claim(10, Duration.ofMillis(200))));
      assertThat(content(worker.seal(next.get(0)))).isEqualTo("3%");
      worker.abandon();
    }
  }
}
