package dev.cogworks.api.command;

/** The types an option can have; the same set Discord's slash commands offer. */
public enum OptionKind {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN,
  USER,
  ROLE,
  CHANNEL
}
