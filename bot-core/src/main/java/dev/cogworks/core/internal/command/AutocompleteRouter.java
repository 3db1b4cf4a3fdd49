package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.AutocompleteQuery;
import dev.cogworks.api.command.Autocompleter;
import dev.cogworks.api.command.Choice;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers autocomplete interactions with the suggestions of the option's {@link Autocompleter}, run
 * on the cog executor. The answer is the interaction's first and only acknowledgement, so it is
 * made here, in this process, within Discord's 3 s: a completer that fails, or has not answered
 * within {@link #BUDGET}, answers no suggestions, and is logged. So does an option without a
 * completer (a registration older than the code), and a command the user may not run.
 */
public final class AutocompleteRouter extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(AutocompleteRouter.class);

  /** How long a completer may take: Discord's 3 s, less a margin for the answer to travel. */
  static final Duration BUDGET = Duration.ofSeconds(2);

  private static final int MAX_CHOICES = 25;

  private final CommandRegistry registry;
  private final CommandExecutor executor;
  private final CommandAccess access;
  private final ServerRules rules;

  public AutocompleteRouter(
      CommandRegistry registry, CommandExecutor executor, Owners owners, ServerRules rules) {
    this.registry = registry;
    this.executor = executor;
    this.access = new CommandAccess(owners, rules);
    this.rules = rules;
  }

  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    String focused = event.getFocusedOption().getName();
    Optional<CommandPath> path =
        registry
            .find(event.getName())
            .filter(c -> rules.cogOn(event.getGuild(), c.cog()))
            .flatMap(c -> CommandPath.of(c, event.getSubcommandGroup(), event.getSubcommandName()))
            .filter(p -> access.allows(p, event.getUser(), event.getMember()));
    Optional<OptionSpec> option =
        path.flatMap(
            p -> p.leaf().options().stream().filter(o -> o.name().equals(focused)).findFirst());
    String where = "/" + event.getFullCommandName() + " option " + focused;
    if (option.isEmpty() || option.get().autocompleter() == null || !executor.accepting()) {
      answer(event, List.of(), OptionKind.STRING, where);
      return;
    }
    AutocompleteQuery query =
        new AutocompleteQuery(
            path.get().fullName(),
            focused,
            event.getFocusedOption().getValue(),
            others(event, focused),
            event.getUser(),
            event.getMember(),
            event.getGuild());
    Autocompleter completer = option.get().autocompleter();
    OptionKind kind = option.get().kind();
    try {
      CompletableFuture.supplyAsync(() -> start(completer, query), executor.pool())
          .thenCompose(stage -> stage)
          .orTimeout(BUDGET.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete(
              (choices, failure) -> {
                if (failure != null) {
                  logFailure(where, failure);
                }
                answer(event, failure == null ? choices : List.of(), kind, where);
              });
    } catch (RejectedExecutionException shuttingDown) {
      answer(event, List.of(), kind, where);
    }
  }

  private static CompletionStage<List<Choice>> start(
      Autocompleter completer, AutocompleteQuery query) {
    try {
      CompletionStage<List<Choice>> stage = completer.complete(query);
      return stage == null ? CompletableFuture.completedFuture(List.of()) : stage;
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Map<String, String> others(
      CommandAutoCompleteInteractionEvent event, String focused) {
    Map<String, String> others = new HashMap<>();
    for (OptionMapping option : event.getOptions()) {
      if (!option.getName().equals(focused)) {
        others.put(option.getName(), option.getAsString());
      }
    }
    return others;
  }

  private static void answer(
      CommandAutoCompleteInteractionEvent event,
      List<Choice> choices,
      OptionKind kind,
      String where) {
    event
        .replyChoices(toJda(choices == null ? List.of() : choices, kind, where))
        .queue(
            null,
            failure ->
                log.warn(
                    "Could not answer the autocomplete for {}: {}", where, failure.toString()));
  }

  /** The first 25 choices, as values of the option's type; a value not of that type is left out. */
  private static List<Command.Choice> toJda(List<Choice> choices, OptionKind kind, String where) {
    List<Command.Choice> result = new ArrayList<>();
    for (Choice choice : choices) {
      if (result.size() == MAX_CHOICES) {
        break;
      }
      try {
        result.add(
            switch (kind) {
              case INTEGER -> new Command.Choice(choice.name(), Long.parseLong(choice.value()));
              case NUMBER -> new Command.Choice(choice.name(), Double.parseDouble(choice.value()));
              default -> new Command.Choice(choice.name(), choice.value());
            });
      } catch (NumberFormatException e) {
        log.warn(
            "Autocomplete for {} suggested '{}', which is not {}; left out",
            where,
            choice.value(),
            kind == OptionKind.INTEGER ? "a whole number" : "a number");
      }
    }
    return result;
  }

  private static void logFailure(String where, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      log.warn(
          "Autocomplete for {} took longer than {} ms; answered no suggestions",
          where,
          BUDGET.toMillis());
    } else {
      log.warn("Autocomplete for {} failed; answered no suggestions", where, cause);
    }
  }
}
