package dev.cogworks.core.internal.conversation.openai;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When a 429 (or 503) says to come back, read as OpenAI's own client reads it (openai-python's
 * {@code _parse_retry_after_header}): {@code retry-after-ms} first (milliseconds, not standard but
 * sent by OpenAI), then {@code Retry-After} as seconds (fractions allowed), then as an HTTP date.
 */
final class RetryAfter {
  /** At least this, so "try again in 0 s" is never said and a past date still means a pause. */
  private static final Duration MINIMUM = Duration.ofSeconds(1);

  private RetryAfter() {}

  static Optional<Duration> of(HttpHeaders headers, Clock clock) {
    Optional<Duration> ms =
        headers.firstValue("retry-after-ms").flatMap(v -> number(v)).map(n -> millis(n));
    if (ms.isPresent()) {
      return ms.map(RetryAfter::atLeastMinimum);
    }
    Optional<String> header = headers.firstValue("retry-after").map(String::strip);
    if (header.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> seconds = number(header.get()).map(n -> millis(n * 1000));
    if (seconds.isPresent()) {
      return seconds.map(RetryAfter::atLeastMinimum);
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
      return Optional.of(atLeastMinimum(Duration.between(clock.instant(), at.toInstant())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** "20 s", "3 min": how the person is told when to come back, rounded up. */
  static String words(Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    if (seconds < 120) {
      return seconds + " s";
    }
    return ((seconds + 59) / 60) + " min";
  }

  private static Optional<Double> number(String value) {
    try {
      double n = Double.parseDouble(value.strip());
      return Double.isFinite(n) && n >= 0 ? Optional.of(n) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Duration millis(double ms) {
    return Duration.ofMillis((long) Math.ceil(Math.min(ms, Duration.ofDays(1).toMillis())));
  }

  private static Duration atLeastMinimum(Duration wait) {
    return wait.compareTo(MINIMUM) < 0 ? MINIMUM : wait;
  }
}
