package dev.cogworks.bench;

import dev.cogworks.core.internal.config.CogworksConfig;
import dev.cogworks.core.internal.config.ConfigLoader;
import dev.cogworks.core.internal.relay.RelayTransport;
import dev.cogworks.core.internal.runtime.CogworksBot;
import dev.cogworks.core.internal.runtime.RelayWorkerProcess;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bot or a gateway worker as a process of its own, for {@code scripts/chaos.sh kills} (the
 * bench kills it with {@code kill -9} and starts it again) and {@code scripts/bench.sh scale} (two
 * bots, one per shard, and three workers).
 *
 * <ul>
 *   <li>{@code bot <config> <dir>}: a Cogworks bot with {@link BenchCog}. A line {@code burst
 *       <cycle> <count> <interval ms> <channel,channel,...>} on stdin starts a burst: {@code count}
 *       numbered sends ({@code kill c<cycle> #<i>}), one every interval, round-robin over the
 *       channels. Each send the MessagingQueue took (its future not failed at once) is appended to
 *       {@code <dir>/accepted-<cycle>.txt}, one write per line, so a line written is in the file
 *       whatever happens to the process after. In {@code external_gateway} mode it also appends to
 *       {@code <dir>/acked-<cycle>.txt} how many of them the engine has acknowledged (a lower
 *       bound, every 5 ms): requests reach the engine in submission order, so they are the first
 *       ones.
 *   <li>A line {@code latency <name> <count> <interval ms> <channel>} sends {@code count} lone
 *       messages to one channel, each awaited, and writes each one's latency to {@code
 *       <dir>/latency-<name>.txt}.
 *   <li>{@code worker <config>}: a gateway worker, as {@code java -jar bot.jar gateway} runs it.
 * </ul>
 *
 * Either prints {@code READY} once connected.
 */
public final class ChaosProcess {
  private ChaosProcess() {}

  public static void main(String[] args) throws Exception {
    CogworksConfig config =
        ConfigLoader.load(
            Path.of(args[1]),
            com.typesafe.config.ConfigFactory.empty(),
            ChaosProcess.class.getClassLoader());
    if (args[0].equals("worker")) {
      RelayWorkerProcess.start(config);
      System.out.println("READY");
      System.out.flush();
      Thread.currentThread().join();
      return;
    }
    Path dir = Path.of(args[2]);
    BenchCog cog = new BenchCog();
    CogworksBot bot = CogworksBot.start(config, List.of(cog), ChaosProcess.class.getClassLoader());
    Optional<RelayTransport> relay = bot.messaging().transport(RelayTransport.class);
    System.out.println("READY");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] words = line.trim().split(" ");
      if (words[0].equals("burst")) {
        int cycle = Integer.parseInt(words[1]);
        int count = Integer.parseInt(words[2]);
        long interval = Long.parseLong(words[3]);
        long[] channels = Arrays.stream(words[4].split(",")).mapToLong(Long::parseLong).toArray();
        Thread burst =
            new Thread(
                () -> burst(cog, relay, dir, cycle, count, interval, channels), "chaos-burst");
        burst.setDaemon(true);
        burst.start();
      } else if (words[0].equals("latency")) {
        String name = words[1];
        int count = Integer.parseInt(words[2]);
        long interval = Long.parseLong(words[3]);
        long channel = Long.parseLong(words[4]);
        Thread lone =
            new Thread(() -> latency(cog, dir, name, count, interval, channel), "chaos-latency");
        lone.setDaemon(true);
        lone.start();
      }
    }
  }

  /**
   * Lone sends, one at a time (each awaited, then {@code interval} ms of nothing): each one's time
   * from the cog's send to its answer (the message Discord created) back in the cog, in
   * milliseconds, a line each in {@code <dir>/latency-<name>.txt}.
   */
  private static void latency(
      BenchCog cog, Path dir, String name, int count, long interval, long channel) {
    try (FileOutputStream out =
        new FileOutputStream(dir.resolve("latency-" + name + ".txt").toFile())) {
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        cog.send(channel, "latency " + name + " #" + i).get(1, TimeUnit.MINUTES);
        double ms = (System.nanoTime() - start) / 1e6;
        out.write(String.format(Locale.ROOT, "%.3f%n", ms).getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(interval);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("a lone send failed", e);
    }
  }

  private static void burst(
      BenchCog cog,
      Optional<RelayTransport> relay,
      Path dir,
      int cycle,
      int count,
      long interval,
      long[] channels) {
    AtomicLong accepted = new AtomicLong();
    Thread watermark = null;
    try (FileOutputStream acceptedFile =
            new FileOutputStream(dir.resolve("accepted-" + cycle + ".txt").toFile());
        FileOutputStream ackedFile =
            new FileOutputStream(dir.resolve("acked-" + cycle + ".txt").toFile())) {
      if (relay.isPresent()) {
        watermark = new Thread(() -> watermark(relay.get(), accepted, ackedFile), "chaos-acked");
        watermark.setDaemon(true);
        watermark.start();
      }
      for (int i = 0; i < count; i++) {
        String text = KillBenchmark.text(cycle, i);
        CompletableFuture<Long> sent = cog.send(channels[i % channels.length], text);
        if (!sent.isCompletedExceptionally()) {
          // FileOutputStream has no buffer: the line is the kernel's once write returns.
          acceptedFile.write((i + "\n").getBytes(StandardCharsets.US_ASCII));
          accepted.incrementAndGet();
        }
        Thread.sleep(interval);
      }
      if (watermark != null) {
        // The last requests reach the engine a few milliseconds after they were taken.
        Thread.sleep(500);
        watermark.interrupt();
        watermark.join();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Writes how many accepted sends the engine surely has: the count read first, then what still
   * waits to be published (which may include sends counted after the read), so the difference never
   * exceeds the truth.
   */
  private static void watermark(RelayTransport relay, AtomicLong accepted, FileOutputStream out) {
    long written = -1;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        long taken = accepted.get();
        long acked = Math.max(0, taken - relay.queuedLocally());
        if (acked > written) {
          out.write((acked + "\n").getBytes(StandardCharsets.US_ASCII));
          written = acked;
        }
        Thread.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      long acked = Math.max(0, accepted.get() - relay.queuedLocally());
      if (acked > written) {
        out.write((acked + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
