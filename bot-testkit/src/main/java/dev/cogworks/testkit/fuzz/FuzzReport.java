package dev.cogworks.testkit.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link CommandFuzz} run did and found. {@code notSendable} counts inputs Discord's client
 * would not send (an empty message, for one), which the simulator refused as Discord would.
 */
public record FuzzReport(
    int commands,
    int invocations,
    int answered,
    int notSendable,
    List<Finding> findings,
    List<Exchange> transcript,
    Duration took) {

  /** One invocation and the bot's answer, for a person to read through. */
  public record Exchange(String route, String user, String input, String answer) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "[%s as %s] %s%n    <- %s",
          route,
          user,
          abbreviate(input, 300),
          abbreviate(answer, 400));
    }
  }

  /** One problem: how the command was run, what went wrong, and the bot's answer if any. */
  public record Finding(String route, String user, String input, String problem, String answer) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "[%s as %s] %s%n    -> %s%s",
          route,
          user,
          abbreviate(input, 160),
          problem,
          answer.isEmpty() ? "" : ": " + abbreviate(answer, 200));
    }
  }

  /** Every exchange, one after another: what a reviewer reads to judge the answers' clarity. */
  public String transcriptText() {
    StringBuilder text = new StringBuilder();
    transcript.forEach(e -> text.append(e).append('\n'));
    return text.toString();
  }

  /** The figures as a table, then one JSON line with each of them (for scripts/chaos.sh). */
  public String figures(long seed, int samples) {
    long pings = findings.stream().filter(f -> f.problem().startsWith("the answer pings")).count();
    long internal =
        findings.stream()
            .filter(f -> f.problem().equals("answered with an internal error"))
            .count();
    long silent = findings.stream().filter(f -> f.problem().startsWith("no answer")).count();
    long logged = findings.stream().filter(f -> f.problem().equals("logged at ERROR")).count();
    String[][] rows = {
      {"commands", String.valueOf(commands)},
      {"invocations (prefix + slash)", String.valueOf(invocations)},
      {"not sendable (refused as Discord's client would)", String.valueOf(notSendable)},
      {"answered", String.valueOf(answered)},
      {"unanswered", String.valueOf(silent)},
      {"internal errors answered", String.valueOf(internal)},
      {"answers that ping", String.valueOf(pings)},
      {"ERROR log events", String.valueOf(logged)},
      {"seconds", String.format(Locale.ROOT, "%.1f", took.toMillis() / 1000.0)}
    };
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      text.append(String.format(Locale.ROOT, "%-50s %10s%n", row[0], row[1]));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "{\"benchmark\":\"fuzz\",\"seed\":%d,\"samples\":%d,\"commands\":%d,"
                + "\"invocations\":%d,\"not_sendable\":%d,\"answered\":%d,\"unanswered\":%d,"
                + "\"internal_errors\":%d,\"pings\":%d,\"error_logs\":%d,\"seconds\":%.1f}%n",
            seed,
            samples,
            commands,
            invocations,
            notSendable,
            answered,
            silent,
            internal,
            pings,
            logged,
            took.toMillis() / 1000.0));
    return text.toString();
  }

  /** A summary line, then one line per finding. */
  public String describe() {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%d commands, %d invocations (%d not sendable), %d answered, %d finding(s) in %.1f s",
                commands,
                invocations,
                notSendable,
                answered,
                findings.size(),
                took.toMillis() / 1000.0));
    findings.forEach(f -> text.append('\n').append(f));
    return text.toString();
  }

  private static String abbreviate(String text, int max) {
    String oneLine = text.replace("\n", "\\n");
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
  }
}
