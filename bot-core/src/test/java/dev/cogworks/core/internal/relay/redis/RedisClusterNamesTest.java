package dev.cogworks.core.internal.relay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigError;
import dev.cogworks.core.internal.config.ConfigLoader;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Redis Cluster: keys touched together share a slot, seeds and settings are read")
class RedisClusterNamesTest {
  private final RedisNames tagged = new RedisNames("reqs", "resps", 16, true);

  @Test
  @DisplayName("A partition's stream, owner and edits share one slot; each partition its own")
  void partitionKeysShareASlot() {
    Set<Integer> slots = new HashSet<>();
    for (int p = 0; p < 16; p++) {
      int slot = SlotHash.getSlot(tagged.stream(p));
      assertThat(SlotHash.getSlot(tagged.owner(p))).isEqualTo(slot);
      assertThat(SlotHash.getSlot(tagged.edit(p, "r1"))).isEqualTo(slot);
      assertThat(tagged.partitionOf(tagged.stream(p))).isEqualTo(p);
      slots.add(slot);
    }
    assertThat(slots).hasSize(16);
    assertThat(SlotHash.getSlot(tagged.globalSequence()))
        .isEqualTo(SlotHash.getSlot(tagged.global()));
  }

  @Test
  @DisplayName("A single server keeps the names it always had")
  void untaggedNamesUnchanged() {
    RedisNames plain = new RedisNames("reqs", "resps", 16, false);
    assertThat(plain.stream(3)).isEqualTo("reqs:3");
    assertThat(plain.owner(3)).isEqualTo("reqs:3:owner");
    assertThat(plain.edit(3, "r1")).isEqualTo("reqs:3:edit:r1");
    assertThat(plain.global()).isEqualTo("reqs:global");
    assertThat(plain.globalSequence()).isEqualTo("reqs:global:seq");
    assertThat(plain.partitionOf("reqs:3")).isEqualTo(3);
  }

  @Test
  @DisplayName("Seed nodes: one URI each, with the scheme and password given once")
  void seeds() {
    var seeds = RedisRelay.seeds("redis://:pw@127.0.0.1:7000,127.0.0.1:7001");
    assertThat(seeds).extracting(RedisURI::getPort).containsExactly(7000, 7001);
    assertThat(seeds).allSatisfy(u -> assertThat(new String(u.getPassword())).isEqualTo("pw"));
  }

  @Test
  @DisplayName("cluster, wait_replicas and wait_timeout are read; bad values name the key")
  void settings() {
    CogworksConfig.Relay relay =
        load(Map.of(
                "messaging.gateway.redis.cluster",
                true,
                "messaging.gateway.redis.uri",
                "redis://127.0.0.1:7000,127.0.0.1:7001"))
            .messaging()
            .relay();
    assertThat(relay.redisCluster()).isTrue();
    assertThat(relay.redisWaitReplicas()).isEqualTo(1);
    assertThat(relay.redisWaitTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> load(Map.of("messaging.gateway.redis.wait_replicas", 9)))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("messaging.gateway.redis.wait_replicas")
        .hasMessageContaining("0 to 5");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "messaging.gateway.redis.cluster",
                        true,
                        "messaging.gateway.redis.uri",
                        "redis://127.0.0.1:7000/3")))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("messaging.gateway.redis.uri")
        .hasMessageContaining("host:port[,host:port...]");
    // A refused URI is named without its password: the error is logged and answered on Discord.
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "messaging.gateway.redis.cluster",
                        true,
                        "messaging.gateway.redis.uri",
                        "redis://s3cret/pw@127.0.0.1:7000")))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("messaging.gateway.redis.uri")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> load(Map.of("messaging.gateway.redis.wait_timeout", "10s")))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("from 1ms to 2s");
  }

  private CogworksConfig load(Map<String, Object> settings) {
    return ConfigLoader.load(null, ConfigFactory.parseMap(settings), getClass().getClassLoader());
  }
}
