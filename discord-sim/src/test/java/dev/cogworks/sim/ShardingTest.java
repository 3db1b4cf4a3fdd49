package dev.cogworks.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cogworks.sim.jda.SimJda;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Sharding: each shard receives exactly the guilds (guild_id >> 22) % count routes to it")
class ShardingTest {
  @Test
  @DisplayName("Two JDA instances as shards 0/2 and 1/2 each see and hear only their own guilds")
  void shardsSplitGuilds() throws Exception {
    try (DiscordSim sim = DiscordSim.start()) {
      long alice = sim.control().createUser("alice").id;
      List<SimGuild> guilds = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        SimGuild guild = sim.control().createGuildOnShard("g" + i, null, i % 2, 2);
        sim.control().createChannel(guild.id, "general");
        sim.control().addMember(guild.id, alice, List.of());
        guilds.add(guild);
      }
      SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());
      List<String> heardBy0 = new CopyOnWriteArrayList<>();
      List<String> heardBy1 = new CopyOnWriteArrayList<>();
      JDA shard0 = shard(sim, bot, 0, heardBy0);
      JDA shard1 = shard(sim, bot, 1, heardBy1);
      try {
        assertThat(guilds).extracting(g -> shardOf(g.id)).containsExactly(0L, 1L, 0L, 1L);
        assertThat(shard0.getGuilds())
            .extracting(Guild::getIdLong)
            .containsExactlyInAnyOrderElementsOf(idsOnShard(guilds, 0));
        assertThat(shard1.getGuilds())
            .extracting(Guild::getIdLong)
            .containsExactlyInAnyOrderElementsOf(idsOnShard(guilds, 1));

        for (SimGuild guild : guilds) {
          long channel = sim.control().channelByName(guild.id, "general").orElseThrow().id;
          sim.control().postMessage(channel, alice, "hello " + guild.name);
        }

        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(
                () -> assertThat(heardBy0.size() + heardBy1.size()).isEqualTo(guilds.size()));
        assertThat(heardBy0).containsExactlyInAnyOrderElementsOf(namesOnShard(guilds, 0));
        assertThat(heardBy1).containsExactlyInAnyOrderElementsOf(namesOnShard(guilds, 1));
      } finally {
        shard0.shutdownNow();
        shard1.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName("GET /gateway/bot gives the gateway URL, a shard count and the session start limit")
  void gatewayBotDescribesSessionBudget() {
    try (DiscordSim sim = DiscordSim.start()) {
      SimBot bot = sim.control().createBot("cogworks", PrivilegedIntent.all());

      var answer = new SimHttp(sim, bot.token).get("gateway/bot").json();

      assertThat(answer.path("url").asText()).isEqualTo(sim.gatewayUrl());
      assertThat(answer.path("shards").asInt()).isEqualTo(1);
      assertThat(answer.path("session_start_limit").path("total").asInt()).isEqualTo(1000);
      assertThat(answer.path("session_start_limit").path("max_concurrency").asInt()).isEqualTo(1);
    }
  }

  private static JDA shard(DiscordSim sim, SimBot bot, int id, List<String> heard)
      throws InterruptedException {
    return SimJda.builder(sim, bot, Compression.ZLIB)
        .useSharding(id, 2)
        .addEventListeners(
            new ListenerAdapter() {
              @Override
              public void onMessageReceived(MessageReceivedEvent event) {
                heard.add(event.getMessage().getContentRaw().substring("hello ".length()));
              }
            })
        .build()
        .awaitReady();
  }

  private static long shardOf(long guildId) {
    return (guildId >> 22) % 2;
  }

  private static List<Long> idsOnShard(List<SimGuild> guilds, int shard) {
    return guilds.stream().filter(g -> shardOf(g.id) == shard).map(g -> g.id).toList();
  }

  private static List<String> namesOnShard(List<SimGuild> guilds, int shard) {
    return guilds.stream().filter(g -> shardOf(g.id) == shard).map(g -> g.name).toList();
  }
}
