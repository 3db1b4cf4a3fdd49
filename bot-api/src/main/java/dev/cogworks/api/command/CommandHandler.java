package dev.cogworks.api.command;

import java.util.concurrent.CompletionStage;

/**
 * Runs a command. It is called off JDA's event threads; it should still not block, but compose
 * futures. A {@link CommandException} thrown or completed exceptionally becomes a reply to the
 * user; anything else is logged and the user told that something went wrong.
 */
@FunctionalInterface
public interface CommandHandler {
  CompletionStage<?> handle(CommandInvocation invocation) throws Exception;
}
