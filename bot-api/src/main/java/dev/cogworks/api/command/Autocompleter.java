package dev.cogworks.api.command;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Suggests values for an option while a user types a slash command. It runs on the cog executor and
 * must answer quickly: Discord waits 3 seconds for the suggestions, so an answer later than 2
 * seconds, or a failure, shows the user no suggestions (and is logged). At most the first 25
 * choices are shown.
 */
@FunctionalInterface
public interface Autocompleter {
  CompletionStage<List<Choice>> complete(AutocompleteQuery query) throws Exception;
}
