package dev.cogworks.sim.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.RawGateway;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.SimHttp;
import dev.cogworks.sim.SimOptions;
import dev.cogworks.sim.json.Json;
import dev.cogworks.sim.model.Permission;
import dev.cogworks.sim.model.PermissionOverwrite;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The voice protocol over raw sockets, for what JDA cannot show: op 4 in both id forms, who hears
 * voice states, the voice gateway's close codes, UDP discovery byte by byte, packets that fail to
 * decrypt or are not RTP, and v8's buffered resume.
 */
class VoiceProtocolTest {
  private static final int GUILDS = 1;
  private static final int GUILD_VOICE_STATES = 1 << 7;
  private static final Duration CLOSE = Duration.ofSeconds(5);

  private static DiscordSim sim;
  private static SimGuild guild;
  private static SimBot bot;
  private static long music;
  private static long lounge;
  private RawGateway gateway;

  @BeforeAll
  static void start() {
    // Raw sessions identify one after another; Discord's 5 s between IDENTIFYs is tested apart.
    sim = DiscordSim.start(SimOptions.defaults().withIdentifySpacing(Duration.ofMillis(1)));
    guild = SandboxSeed.apply(sim.control());
    bot = sim.control().createBot("raw", PrivilegedIntent.all());
    music = sim.control().channelByName(guild.id, "Music").orElseThrow().id;
    lounge = sim.control().channelByName(guild.id, "Lounge").orElseThrow().id;
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
    guild.voiceStates.keySet().forEach(id -> sim.voiceStates().move(guild.id, id, null));
  }

  /** A raw gateway session identified with {@code intents}; waits for GUILD_CREATE. */
  private static RawGateway identified(int intents) {
    RawGateway raw = RawGateway.connect(sim);
    raw.send(
        "{\"op\":2,\"d\":{\"token\":\""
            + bot.token
            + "\",\"intents\":"
            + intents
            + ",\"properties\":{\"os\":\"linux\",\"browser\":\"raw\",\"device\":\"raw\"}}}");
    await().until(() -> !raw.frames(0, "GUILD_CREATE").isEmpty());
    return raw;
  }

  private static String sessionId(RawGateway raw) {
    return raw.frames(0, "READY").get(0).path("d").path("session_id").asText();
  }

  /** Joins Music by op 4 with numeric ids, as JDA does; the VOICE_SERVER_UPDATE's data. */
  private JsonNode join() {
    gateway = identified(GUILDS | GUILD_VOICE_STATES);
    gateway.send(
        "{\"op\":4,\"d\":{\"guild_id\":"
            + guild.id
            + ",\"channel_id\":"
            + music
            + ",\"self_mute\":false,\"self_deaf\":false}}");
    await().until(() -> !gateway.frames(0, "VOICE_SERVER_UPDATE").isEmpty());
    return gateway.frames(0, "VOICE_SERVER_UPDATE").get(0).path("d");
  }

  private RawGateway identifiedVoice(JsonNode server) {
    RawGateway voice = RawGateway.connectVoice(sim, "?v=8");
    voice.send(
        Json.write(
            Json.object()
                .put("op", 0)
                .set(
                    "d",
                    Json.object()
                        .put("server_id", Long.toString(guild.id))
                        .put("user_id", Long.toString(bot.user.id))
                        .put("session_id", sessionId(gateway))
                        .put("token", server.path("token").asText())
                        .put("max_dave_protocol_version", 0))));
    await().until(() -> !voice.frames(2, null).isEmpty());
    return voice;
  }

  @Test
  @DisplayName("op 4 with numeric ids joins, with string ids and a null channel leaves")
  void op4InBothForms() {
    JsonNode server = join();

    JsonNode state = gateway.frames(0, "VOICE_STATE_UPDATE").get(0).path("d");
    assertThat(state.path("channel_id").asText()).isEqualTo(Long.toString(music));
    assertThat(state.path("session_id").asText()).isEqualTo(sessionId(gateway));
    assertThat(state.path("member").path("user").path("id").asText())
        .isEqualTo(Long.toString(bot.user.id));
    assertThat(server.path("endpoint").asText()).matches("localhost:\\d+");

    gateway.send(
        "{\"op\":4,\"d\":{\"guild_id\":\""
            + guild.id
            + "\",\"channel_id\":null,\"self_mute\":false,\"self_deaf\":false}}");

    await().until(() -> gateway.frames(0, "VOICE_STATE_UPDATE").size() == 2);
    assertThat(gateway.frames(0, "VOICE_STATE_UPDATE").get(1).path("d").path("channel_id").isNull())
        .isTrue();
    assertThat(guild.voiceStates).doesNotContainKey(bot.user.id);
  }

  @Test
  @DisplayName("op 4 with an unreadable guild id closes 4002; a channel without Connect: no answer")
  void op4Refusals() {
    sim.control()
        .setPermissionOverwrites(
            lounge,
            List.of(
                new PermissionOverwrite(
                    guild.id, PermissionOverwrite.ROLE, 0, Permission.CONNECT)));
    try {
      gateway = identified(GUILDS | GUILD_VOICE_STATES);
      gateway.send(
          "{\"op\":4,\"d\":{\"guild_id\":\"" + guild.id + "\",\"channel_id\":\"" + lounge + "\"}}");
      await()
          .during(Duration.ofMillis(300))
          .until(() -> gateway.frames(0, "VOICE_STATE_UPDATE").isEmpty());

      gateway.send("{\"op\":4,\"d\":{\"guild_id\":\"nope\",\"channel_id\":null}}");
      assertThat(gateway.closeCode(CLOSE)).isEqualTo(4002);
    } finally {
      sim.control().setPermissionOverwrites(lounge, List.of());
    }
  }

  @Test
  @DisplayName(
      "a person joining voice: VOICE_STATE_UPDATE only with GUILD_VOICE_STATES; in GUILD_CREATE")
  void personJoinsVoice() {
    long alice = sim.control().userByName("alice").orElseThrow().id;
    gateway = identified(GUILDS | GUILD_VOICE_STATES);
    try (RawGateway deaf = identified(GUILDS)) {
      SimHttp.control(sim)
          .post(
              "_sim/guilds/" + guild.id + "/voice-states",
              "{\"user_id\":\"" + alice + "\",\"channel_id\":\"" + lounge + "\"}");

      await().until(() -> !gateway.frames(0, "VOICE_STATE_UPDATE").isEmpty());
      JsonNode state = gateway.frames(0, "VOICE_STATE_UPDATE").get(0).path("d");
      assertThat(state.path("user_id").asText()).isEqualTo(Long.toString(alice));
      assertThat(state.path("member").path("user").path("username").asText()).isEqualTo("alice");
      await()
          .during(Duration.ofMillis(200))
          .until(() -> deaf.frames(0, "VOICE_STATE_UPDATE").isEmpty());
    }
    try (RawGateway later = identified(GUILDS)) {
      JsonNode created = later.frames(0, "GUILD_CREATE").get(0).path("d");
      assertThat(created.path("voice_states").get(0).path("user_id").asText())
          .isEqualTo(Long.toString(alice));
      // Members in voice are listed even without GUILD_PRESENCES, as on Discord.
      assertThat(created.path("members").findValuesAsText("username")).contains("alice");
    }
    JsonNode overview = SimHttp.control(sim).get("_sim/voice").json();
    assertThat(overview.path("guilds").get(0).path("voice_states").get(0).path("username").asText())
        .isEqualTo("alice");
  }

  @Test
  @DisplayName("the voice gateway: HELLO, heartbeat ACK with t, and Discord's close codes")
  void voiceCloseCodes() {
    try (RawGateway voice = RawGateway.connectVoice(sim, "?v=8")) {
      await().until(() -> !voice.frames(8, null).isEmpty());
      assertThat(voice.frames(8, null).get(0).path("d").path("heartbeat_interval").asInt())
          .isEqualTo(13_750);
      voice.send("{\"op\":3,\"d\":{\"t\":1501184119561,\"seq_ack\":0}}");
      await().until(() -> !voice.frames(6, null).isEmpty());
      assertThat(voice.frames(6, null).get(0).path("d").path("t").asLong())
          .isEqualTo(1501184119561L);
      voice.send("{\"op\":1,\"d\":{\"protocol\":\"udp\"}}");
      assertThat(voice.closeCode(CLOSE)).isEqualTo(4003);
    }
    try (RawGateway voice = RawGateway.connectVoice(sim, "?v=8")) {
      voice.send(
          "{\"op\":0,\"d\":{\"server_id\":\"1\",\"user_id\":\"2\",\"session_id\":\"x\",\"token\":\"y\"}}");
      assertThat(voice.closeCode(CLOSE)).isEqualTo(4004);
    }
    try (RawGateway voice = RawGateway.connectVoice(sim, "?v=8")) {
      voice.send("{\"op\":99,\"d\":{}}");
      assertThat(voice.closeCode(CLOSE)).isEqualTo(4001);
    }
    try (RawGateway voice = RawGateway.connectVoice(sim, "?v=8")) {
      voice.send("not json");
      assertThat(voice.closeCode(CLOSE)).isEqualTo(4002);
    }
    try (RawGateway voice = RawGateway.connectVoice(sim, "")) {
      // Without a version: rejected, as Discord does since November 2024.
      assertThat(voice.closeCode(CLOSE)).isEqualTo(4020);
    }
  }

  @Test
  @DisplayName("IDENTIFY twice closes 4005; an unknown protocol 4012; an unknown mode 4016")
  void sessionCloseCodes() {
    JsonNode server = join();
    try (RawGateway voice = identifiedVoice(server)) {
      voice.send(voice.frames().isEmpty() ? "" : identifyAgain(server));
      assertThat(voice.closeCode(CLOSE)).isEqualTo(4005);
    }
    try (RawGateway voice = identifiedVoice(server)) {
      voice.send("{\"op\":1,\"d\":{\"protocol\":\"tcp\",\"data\":{}}}");
      assertThat(voice.closeCode(CLOSE)).isEqualTo(4012);
    }
    try (RawGateway voice = identifiedVoice(server)) {
      voice.send(
          "{\"op\":1,\"d\":{\"protocol\":\"udp\",\"data\":{\"address\":\"127.0.0.1\",\"port\":1,"
              + "\"mode\":\"xsalsa20_poly1305\"}}}");
      assertThat(voice.closeCode(CLOSE)).isEqualTo(4016);
    }
  }

  private String identifyAgain(JsonNode server) {
    return "{\"op\":0,\"d\":{\"server_id\":\""
        + guild.id
        + "\",\"user_id\":\""
        + bot.user.id
        + "\",\"session_id\":\""
        + sessionId(gateway)
        + "\",\"token\":\""
        + server.path("token").asText()
        + "\"}}";
  }

  @Test
  @DisplayName(
      "UDP: discovery answers 74 bytes; bad tags are counted; empty and zero datagrams ignored")
  void udp() throws Exception {
    JsonNode server = join();
    try (RawGateway voice = identifiedVoice(server);
        DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      JsonNode ready = voice.frames(2, null).get(0).path("d");
      int ssrc = ready.path("ssrc").asInt();
      InetAddress host = InetAddress.getByName(ready.path("ip").asText());
      int port = ready.path("port").asInt();
      udp.setSoTimeout(2000);

      ByteBuffer request = ByteBuffer.allocate(74).putShort((short) 1).putShort((short) 70);
      request.putInt(ssrc);
      udp.send(new DatagramPacket(request.array(), 74, host, port));
      DatagramPacket answer = new DatagramPacket(new byte[100], 100);
      udp.receive(answer);

      assertThat(answer.getLength()).isEqualTo(74);
      ByteBuffer reply = ByteBuffer.wrap(answer.getData(), 0, 74);
      assertThat(reply.getShort()).isEqualTo((short) 2);
      assertThat(reply.getShort()).isEqualTo((short) 70);
      assertThat(reply.getInt()).isEqualTo(ssrc);
      String address = new String(answer.getData(), 8, 64, StandardCharsets.US_ASCII);
      assertThat(address).startsWith("127.0.0.1\0").endsWith("\0");
      assertThat(reply.getShort(72) & 0xFFFF).isEqualTo(udp.getLocalPort());

      // A discovery request of the wrong size gets no answer.
      udp.send(new DatagramPacket(request.array(), 73, host, port));
      udp.setSoTimeout(300);
      DatagramPacket none = new DatagramPacket(new byte[100], 100);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> udp.receive(none))
          .isInstanceOf(SocketTimeoutException.class);

      voice.send(
          "{\"op\":1,\"d\":{\"protocol\":\"udp\",\"data\":{\"address\":\"127.0.0.1\",\"port\":"
              + udp.getLocalPort()
              + ",\"mode\":\"aead_aes256_gcm_rtpsize\"}}}");
      await().until(() -> !voice.frames(4, null).isEmpty());
      JsonNode description = voice.frames(4, null).get(0).path("d");
      assertThat(description.path("dave_protocol_version").asInt()).isZero();
      byte[] key = new byte[32];
      for (int i = 0; i < 32; i++) {
        key[i] = (byte) description.path("secret_key").get(i).asInt();
      }
      long ignored = sim.voice().udpCounters().path("ignored").asLong();

      udp.send(new DatagramPacket(new byte[0], 0, host, port));
      udp.send(new DatagramPacket(new byte[2048], 2048, host, port));
      byte[] header = rtpHeader(0, 0, ssrc);
      byte[] good =
          TransportCipher.AEAD_AES256_GCM_RTPSIZE.seal(
              key, header, new byte[] {(byte) 0xF8, -1, -2}, 7);
      byte[] forged =
          TransportCipher.AEAD_AES256_GCM_RTPSIZE.seal(
              new byte[32], rtpHeader(1, 960, ssrc), new byte[] {1, 2, 3}, 8);
      udp.send(new DatagramPacket(good, good.length, host, port));
      udp.send(new DatagramPacket(forged, forged.length, host, port));

      await()
          .until(
              () -> {
                VoiceStats stats = sim.voice().latest(guild.id, bot.user.id).orElseThrow();
                return stats.packets() == 1 && stats.decryptFailures() == 1;
              });
      VoiceStats stats = sim.voice().latest(guild.id, bot.user.id).orElseThrow();
      assertThat(stats.silenceFrames()).isEqualTo(1);
      // This client never said SPEAKING: its packet is counted as audio before speaking.
      assertThat(stats.audioBeforeSpeaking()).isEqualTo(1);
      assertThat(sim.voice().udpCounters().path("ignored").asLong()).isEqualTo(ignored + 2);
    }
  }

  private static byte[] rtpHeader(int sequence, int timestamp, int ssrc) {
    return ByteBuffer.allocate(12)
        .put((byte) 0x80)
        .put((byte) 0x78)
        .putShort((short) sequence)
        .putInt(timestamp)
        .putInt(ssrc)
        .array();
  }

  @Test
  @DisplayName(
      "v8 resume re-sends the numbered messages after seq_ack; an unknown session gets 4006")
  void bufferedResume() {
    JsonNode server = join();
    long alice = sim.control().userByName("alice").orElseThrow().id;
    RawGateway voice = identifiedVoice(server);
    sim.voiceStates().move(guild.id, alice, music);
    await().until(() -> !voice.frames(11, null).isEmpty());
    JsonNode connect = voice.frames(11, null).get(0);
    assertThat(connect.path("seq").asInt()).isEqualTo(1);
    assertThat(connect.path("d").path("user_ids").get(0).asText()).isEqualTo(Long.toString(alice));
    voice.close();

    try (RawGateway resumed = RawGateway.connectVoice(sim, "?v=8")) {
      resumed.send(
          "{\"op\":7,\"d\":{\"server_id\":\""
              + guild.id
              + "\",\"session_id\":\""
              + sessionId(gateway)
              + "\",\"token\":\""
              + server.path("token").asText()
              + "\",\"seq_ack\":0}}");
      await()
          .until(() -> !resumed.frames(9, null).isEmpty() && !resumed.frames(11, null).isEmpty());
      assertThat(resumed.frames(11, null).get(0).path("seq").asInt()).isEqualTo(1);
    }
    try (RawGateway stranger = RawGateway.connectVoice(sim, "?v=8")) {
      stranger.send(
          "{\"op\":7,\"d\":{\"server_id\":\""
              + guild.id
              + "\",\"session_id\":\"nobody\",\"token\":\"nothing\",\"seq_ack\":0}}");
      assertThat(stranger.closeCode(CLOSE)).isEqualTo(4006);
    }
  }
}
