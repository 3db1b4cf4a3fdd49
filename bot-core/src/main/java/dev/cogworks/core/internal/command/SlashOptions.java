package dev.cogworks.core.internal.command;

import dev.cogworks.api.command.OptionKind;
import dev.cogworks.api.command.OptionSpec;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/** Maps option kinds to Discord's option types, both ways. */
final class SlashOptions {
  private SlashOptions() {}

  static OptionType type(OptionKind kind) {
    return switch (kind) {
      case STRING -> OptionType.STRING;
      case INTEGER -> OptionType.INTEGER;
      case NUMBER -> OptionType.NUMBER;
      case BOOLEAN -> OptionType.BOOLEAN;
      case USER -> OptionType.USER;
      case ROLE -> OptionType.ROLE;
      case CHANNEL -> OptionType.CHANNEL;
    };
  }

  static OptionData data(OptionSpec spec) {
    OptionData data =
        new OptionData(
            type(spec.kind()),
            spec.name(),
            spec.description(),
            spec.required(),
            spec.autocompleter() != null);
    for (String choice : spec.choices()) {
      switch (spec.kind()) {
        case INTEGER -> data.addChoice(choice, Long.parseLong(choice));
        case NUMBER -> data.addChoice(choice, Double.parseDouble(choice));
        default -> data.addChoice(choice, choice);
      }
    }
    return data;
  }

  /** The option's value as the same Java type the prefix form produces. */
  static Object value(OptionMapping option) {
    return switch (option.getType()) {
      case INTEGER -> option.getAsLong();
      case NUMBER -> option.getAsDouble();
      case BOOLEAN -> option.getAsBoolean();
      case USER -> option.getAsUser();
      case ROLE -> option.getAsRole();
      case CHANNEL -> option.getAsChannel();
      default -> option.getAsString();
    };
  }
}
