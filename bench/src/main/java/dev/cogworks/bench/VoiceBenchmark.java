package dev.cogworks.bench;

import com.neovisionaries.ws.client.WebSocketFactory;
import dev.cogworks.sim.DiscordSim;
import dev.cogworks.sim.SandboxSeed;
import dev.cogworks.sim.model.PrivilegedIntent;
import dev.cogworks.sim.model.SimBot;
import dev.cogworks.sim.model.SimGuild;
import dev.cogworks.sim.voice.VoiceStats;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.audio.AudioSendHandler;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.cache.CacheFlag;

/**
 * {@code scripts/bench.sh voice [seconds] [aes|xchacha|both]}: real JDA streams a tone (Opus
 * encoded in-process, 20 ms frames) to discord-sim's voice server for {@code seconds} (60 by
 * default) in each transport mode, over loopback UDP. Printed per mode: packets sent and received,
 * lost, out of order, timestamp jumps, decrypt failures, the RFC 3550 interarrival jitter, the time
 * between packets as they reach the voice server (p50, p99, p99.9, max; taken as each frame is
 * decoded), and the level received against the level sent. Bounded: {@code seconds × 50} frames per
 * mode, in real time.
 */
final class VoiceBenchmark {
  private static final double AMPLITUDE = 0.25;

  void run(int seconds, String modes) throws Exception {
    List<String> chosen =
        switch (modes) {
          case "aes" -> List.of("aead_aes256_gcm_rtpsize");
          case "xchacha" -> List.of("aead_xchacha20_poly1305_rtpsize");
          default -> List.of("aead_aes256_gcm_rtpsize", "aead_xchacha20_poly1305_rtpsize");
        };
    int frames = seconds * 50;
    Tone tone = Tone.encode(frames);
    Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    try (DiscordSim sim = DiscordSim.start()) {
      SimGuild guild = SandboxSeed.apply(sim.control());
      SimBot bot = sim.control().createBot("bench", PrivilegedIntent.all());
      String gateway = sim.gatewayUrl();
      JDA jda =
          JDABuilder.create(
                  bot.token,
                  EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_VOICE_STATES))
              .enableCache(CacheFlag.VOICE_STATE)
              .setRestConfig(new RestConfig().setBaseUrl(sim.restBaseUrl()))
              .setWebsocketFactory(
                  new WebSocketFactory()
                      .setConnectionTimeout(10_000)
                      .setSSLContext(sim.voiceSslContext()))
              .setSessionController(
                  new ConcurrentSessionController() {
                    @Override
                    public String getGateway() {
                      return gateway;
                    }
                  })
              .build()
              .awaitReady();
      try {
        for (String mode : chosen) {
          results.put(mode, stream(sim, jda, guild, bot, mode, tone));
        }
      } finally {
        jda.shutdownNow();
      }
    }
    print(seconds, results, tone);
  }

  private static Map<String, Object> stream(
      DiscordSim sim, JDA jda, SimGuild simGuild, SimBot bot, String mode, Tone tone)
      throws Exception {
    sim.voice().settings().modes(List.of(mode));
    Guild guild = jda.getGuildById(simGuild.id);
    QueueSender sender = new QueueSender();
    int before = sim.voice().stats(simGuild.id).size();
    guild.getAudioManager().setSendingHandler(sender);
    guild
        .getAudioManager()
        .openAudioConnection(guild.getVoiceChannelsByName("Music", false).get(0));
    waitUntil(() -> sim.voice().stats(simGuild.id).size() > before, 15_000);
    // Arrival times, taken on the voice server's UDP thread as each frame is decoded.
    List<Long> arrivals = new CopyOnWriteArrayList<>();
    AutoCloseable listening =
        sim.voice().listen(simGuild.id, pcm -> arrivals.add(System.nanoTime()));
    sender.queue.addAll(tone.frames);
    long deadline = System.currentTimeMillis() + tone.frames.size() * 20L + 10_000;
    waitUntil(
        () ->
            sim.voice().latest(simGuild.id, bot.user.id).orElseThrow().packets()
                    >= tone.frames.size()
                || System.currentTimeMillis() > deadline,
        tone.frames.size() * 20L + 15_000);
    Thread.sleep(300); // anything late still arrives and is counted
    listening.close();
    VoiceStats stats = sim.voice().latest(simGuild.id, bot.user.id).orElseThrow();
    guild.getAudioManager().closeAudioConnection();
    waitUntil(() -> !simGuild.voiceStates.containsKey(bot.user.id), 10_000);

    List<Double> gaps = new ArrayList<>();
    for (int i = 1; i < arrivals.size(); i++) {
      gaps.add((arrivals.get(i) - arrivals.get(i - 1)) / 1e6);
    }
    Percentiles gap = new Percentiles(gaps);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("sent", tone.frames.size());
    figures.put("received", stats.packets());
    figures.put("lost", stats.lost());
    figures.put("out_of_order", stats.outOfOrder());
    figures.put("timestamp_jumps", stats.timestampJumps());
    figures.put("decrypt_failures", stats.decryptFailures());
    figures.put("jitter_ms", round(stats.jitterMs()));
    figures.put("gap_p50_ms", round(gap.at(50)));
    figures.put("gap_p99_ms", round(gap.at(99)));
    figures.put("gap_p999_ms", round(gap.at(99.9)));
    figures.put("gap_max_ms", round(gap.at(100)));
    figures.put("level_sent_dbfs", round(tone.levelDbfs));
    figures.put("level_received_dbfs", round(stats.meanLevelDbfs()));
    return figures;
  }

  private static void print(int seconds, Map<String, Map<String, Object>> results, Tone tone) {
    System.out.printf(
        Locale.ROOT, "voice: %d s of a 440 Hz tone per mode, real JDA → discord-sim%n", seconds);
    List<String> columns = new ArrayList<>(results.values().iterator().next().keySet());
    System.out.printf(Locale.ROOT, "%-32s", "mode");
    columns.forEach(c -> System.out.printf(Locale.ROOT, " %16s", c));
    System.out.println();
    results.forEach(
        (mode, figures) -> {
          System.out.printf(Locale.ROOT, "%-32s", mode);
          columns.forEach(c -> System.out.printf(Locale.ROOT, " %16s", figures.get(c)));
          System.out.println();
        });
    StringBuilder json = new StringBuilder("{\"benchmark\":\"voice\",\"seconds\":" + seconds);
    results.forEach(
        (mode, figures) -> {
          json.append(",\"").append(mode).append("\":{");
          List<String> parts = new ArrayList<>();
          figures.forEach((k, v) -> parts.add("\"" + k + "\":" + v));
          json.append(String.join(",", parts)).append('}');
        });
    System.out.println(json.append('}'));
  }

  private static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : -999;
  }

  private interface Check {
    boolean done() throws Exception;
  }

  private static void waitUntil(Check check, long timeoutMillis) throws Exception {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (!check.done()) {
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException("the voice benchmark timed out waiting");
      }
      Thread.sleep(20);
    }
  }

  /** JDA's source of audio: the queued Opus frames, one per 20 ms. */
  private static final class QueueSender implements AudioSendHandler {
    final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();

    @Override
    public boolean canProvide() {
      return !queue.isEmpty();
    }

    @Override
    public ByteBuffer provide20MsAudio() {
      byte[] frame = queue.poll();
      return frame == null ? null : ByteBuffer.wrap(frame);
    }

    @Override
    public boolean isOpus() {
      return true;
    }
  }

  /** A 440 Hz stereo tone as Opus frames, and the level of the PCM it was made from. */
  private record Tone(List<byte[]> frames, double levelDbfs) {
    static Tone encode(int count) throws Exception {
      OpusEncoder encoder = new OpusEncoder(48_000, 2, OpusApplication.OPUS_APPLICATION_AUDIO);
      encoder.setBitrate(128_000);
      List<byte[]> frames = new ArrayList<>(count);
      short[] pcm = new short[1920];
      byte[] out = new byte[1275];
      double squares = 0;
      long samples = 0;
      for (int f = 0; f < count; f++) {
        for (int i = 0; i < 960; i++) {
          double t = (f * 960.0 + i) / 48_000;
          short value = (short) Math.round(AMPLITUDE * 32767 * Math.sin(2 * Math.PI * 440 * t));
          pcm[2 * i] = value;
          pcm[2 * i + 1] = value;
          double normalized = value / 32768.0;
          squares += 2 * normalized * normalized;
          samples += 2;
        }
        int length = encoder.encode(pcm, 0, 960, out, 0, out.length);
        frames.add(Arrays.copyOf(out, length));
      }
      return new Tone(frames, 10 * Math.log10(squares / samples));
    }
  }
}
