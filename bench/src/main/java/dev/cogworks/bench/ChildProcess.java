package dev.cogworks.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ChaosProcess} started from the bench's own jar (or classpath): its output goes to a log
 * file of its own (one per start), which says when it is {@code READY}; {@link #kill9()} is {@code
 * kill -9}.
 */
final class ChildProcess {
  private final Process process;
  private final Path log;
  private final long startedNanos = System.nanoTime();

  private ChildProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildProcess start(List<String> args, Path log, Map<String, String> environment) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A short-lived process on a busy machine: start fast rather than run fast.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Xmx256m");
    command.add("-cp");
    // Under surefire, java.class.path may be its manifest-only booter jar; this is the real one.
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(ChaosProcess.class.getName());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    try {
      return new ChildProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until it printed {@code READY} since it started; returns how long it took. */
  Duration awaitReady(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (readyLines() > 0) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the process exited before it was ready; see " + log);
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("not ready within " + patience + "; see " + log);
  }

  private long readyLines() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(l -> l.equals("READY"))
          .count();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Writes a line to its standard input. */
  void tell(String line) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code kill -9}: SIGKILL, no shutdown hook, nothing flushed; returns once it is gone. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
    }
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }
}
