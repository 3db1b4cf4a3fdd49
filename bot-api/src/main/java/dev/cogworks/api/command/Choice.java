package dev.cogworks.api.command;

import java.util.Objects;

/**
 * One autocomplete suggestion: the {@code name} the user sees and the {@code value} the option gets
 * when they pick it. For integer and number options the value must be a number (a value that is not
 * is left out, and logged).
 */
public record Choice(String name, String value) {
  private static final int MAX_LENGTH = 100;

  public Choice {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a choice's name must be 1-100 characters, was " + name.length() + ": " + name);
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a choice's value must be 1-100 characters, was " + value.length() + ": " + value);
    }
  }

  /** A suggestion shown as its own value. */
  public static Choice of(String value) {
    return new Choice(value, value);
  }

  public static Choice of(String name, long value) {
    return new Choice(name, Long.toString(value));
  }

  public static Choice of(String name, double value) {
    return new Choice(name, Double.toString(value));
  }
}
