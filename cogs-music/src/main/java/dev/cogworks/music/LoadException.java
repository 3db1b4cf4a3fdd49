package dev.cogworks.music;

/** Why a query or a source could not be played; the message is for people. */
final class LoadException extends Exception {
  LoadException(String message) {
    super(message);
  }
}
