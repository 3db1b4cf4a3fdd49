package dev.cogworks.api.command;

/** A failure the user should read: its message is sent back as the command's reply. */
public class CommandException extends RuntimeException {
  public CommandException(String userMessage) {
    super(userMessage);
  }
}
