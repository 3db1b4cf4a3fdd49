package dev.cogworks.app.testcogs;

import dev.cogworks.api.CogHelper;
import dev.cogworks.api.command.AutocompleteQuery;
import dev.cogworks.api.command.Choice;
import dev.cogworks.api.command.CommandGroup;
import dev.cogworks.api.command.CommandSpec;
import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Autocomplete of each sort: fruit names filtered by what is typed and by the colour chosen, whole
 * numbers (more than 25, one not a number), a completer that throws and one that never answers.
 */
public final class FruitCog extends CogHelper {
  private static final Map<String, String> FRUITS = new LinkedHashMap<>();

  static {
    FRUITS.put("apple", "red");
    FRUITS.put("banana", "yellow");
    FRUITS.put("cherry", "red");
    FRUITS.put("lemon", "yellow");
    FRUITS.put("lime", "green");
    FRUITS.put("pear", "green");
  }

  @Override
  public String name() {
    return "fruit";
  }

  @Override
  public List<CommandSpec> commands() {
    return List.of(
        CommandSpec.builder("fruit", "Fruit")
            .subcommand(
                CommandSpec.builder("eat", "Eat some fruit")
                    .option(kind())
                    .option(
                        OptionSpec.optional("color", OptionKind.STRING, "its colour")
                            .withChoices("red", "yellow", "green"))
                    .option(
                        OptionSpec.optional("count", OptionKind.INTEGER, "how many")
                            .withAutocomplete(FruitCog::counts))
                    .option(
                        OptionSpec.optional("note", OptionKind.STRING, "a note")
                            .withAutocomplete(
                                query -> {
                                  throw new IllegalStateException("the note completer is broken");
                                }))
                    .option(
                        OptionSpec.optional("mood", OptionKind.STRING, "a mood")
                            .withAutocomplete(query -> new CompletableFuture<>()))
                    .handler(
                        inv ->
                            inv.reply(
                                "ate "
                                    + inv.integer("count").orElse(1L)
                                    + " "
                                    + inv.string("kind").orElseThrow()))
                    .build())
            .group(
                CommandGroup.builder("basket", "Your basket")
                    .subcommand(
                        CommandSpec.builder("add", "Put fruit in the basket")
                            .option(kind())
                            .handler(inv -> inv.reply("added " + inv.string("kind").orElseThrow()))
                            .build())
                    .build())
            .build());
  }

  private static OptionSpec kind() {
    return OptionSpec.required("kind", OptionKind.STRING, "which fruit")
        .withAutocomplete(FruitCog::kinds);
  }

  /** Fruit starting with what is typed, of the colour already chosen if any. */
  private static CompletionStage<List<Choice>> kinds(AutocompleteQuery query) {
    String typed = query.typed().toLowerCase(Locale.ROOT);
    List<Choice> choices =
        FRUITS.entrySet().stream()
            .filter(f -> f.getKey().startsWith(typed))
            .filter(f -> query.other("color").map(f.getValue()::equals).orElse(true))
            .map(f -> Choice.of(f.getKey()))
            .toList();
    return CompletableFuture.completedFuture(choices);
  }

  /** One suggestion that is not a number, then 1 to 30: more than Discord shows. */
  private static CompletionStage<List<Choice>> counts(AutocompleteQuery query) {
    List<Choice> choices = new ArrayList<>();
    choices.add(new Choice("a basketful", "many"));
    for (int i = 1; i <= 30; i++) {
      choices.add(Choice.of(i + " fruit", i));
    }
    return CompletableFuture.completedFuture(choices);
  }
}
