package dev.cogworks.bench;

import dev.cogworks.sim.control.SimControl;
import dev.cogworks.sim.model.SimMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ChaosProcess} burst left behind, read by the bench: the numbers of the sends its
 * bot took ({@code accepted-<cycle>.txt}), how many of them the engine held ({@code
 * acked-<cycle>.txt}), and their texts ({@link KillBenchmark#text}) in the simulator's channels.
 */
final class BurstLedger {
  private BurstLedger() {}

  static Path accepted(Path dir, int cycle) {
    return dir.resolve("accepted-" + cycle + ".txt");
  }

  static Path acked(Path dir, int cycle) {
    return dir.resolve("acked-" + cycle + ".txt");
  }

  /** The numbers in a file, one a line; none if it is missing. */
  static List<Integer> lines(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<Integer> numbers = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        if (!line.isBlank()) {
          numbers.add(Integer.parseInt(line.trim()));
        }
      }
      return numbers;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NumberFormatException e) {
      // a line cut short by the kill: the ones before it count
      return List.of();
    }
  }

  static int last(Path file) {
    List<Integer> numbers = lines(file);
    return numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
  }

  /** Per send number of the cycle, how many times its text is in the channels. */
  static Map<Integer, Integer> seen(SimControl sim, List<Long> channels, int cycle) {
    Map<Integer, Integer> seen = new HashMap<>();
    for (long channel : channels) {
      for (int number : numbers(sim, channel, cycle)) {
        seen.merge(number, 1, Integer::sum);
      }
    }
    return seen;
  }

  /** The cycle's send numbers in one channel, in the order the channel shows them. */
  static List<Integer> numbers(SimControl sim, long channel, int cycle) {
    return messages(sim, channel, cycle).stream().map(m -> number(m, cycle)).toList();
  }

  /** The cycle's messages in one channel, in the order the channel shows them. */
  static List<SimMessage> messages(SimControl sim, long channel, int cycle) {
    String prefix = prefix(cycle);
    return sim.messages(channel).stream()
        .filter(m -> m.content != null && m.content.startsWith(prefix))
        .toList();
  }

  static int number(SimMessage message, int cycle) {
    return Integer.parseInt(message.content.substring(prefix(cycle).length()));
  }

  private static String prefix(int cycle) {
    return "kill c" + cycle + " #";
  }
}
