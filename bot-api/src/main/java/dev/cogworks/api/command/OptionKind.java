package dev.cogworks.api.command;

import java.util.Locale;

/** The types an option can have; the same set Discord's slash commands offer. */
public enum OptionKind {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN,
  USER,
  ROLE,
  CHANNEL;

  /** How messages name the kind: {@code "integer"}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
