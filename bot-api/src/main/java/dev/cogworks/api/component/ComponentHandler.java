package dev.cogworks.api.component;

import java.util.concurrent.CompletionStage;

/**
 * Handles a click on a button, or a choice in a select menu. Like a command handler it runs on the
 * cog executor and should compose futures rather than block. A {@code CommandException} thrown or
 * completed exceptionally is shown to the clicking user alone; anything else is logged and the user
 * told that something went wrong.
 */
@FunctionalInterface
public interface ComponentHandler {
  CompletionStage<?> handle(ComponentInvocation click) throws Exception;
}
