package dev.cogworks.core.internal.command;

/**
 * An invocation that came as a message (a prefix command): what the bot posts about it can reply to
 * that message.
 */
public interface MessageOrigin {
  long messageId();
}
