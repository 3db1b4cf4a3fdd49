package dev.cogworks.sim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cogworks.sim.errors.FormErrors;
import java.math.BigDecimal;

/**
 * Discord's rules for an APPLICATION_COMMAND_AUTOCOMPLETE_RESULT (callback type 8): at most 25
 * choices, each with a 1–100 character name and a value of the focused option's type (a string of
 * up to 100 characters, an integer within ±(2^53−1), or a number).
 */
final class AutocompleteChoices {
  static final int MAX_CHOICES = 25;
  static final int MAX_NAME = 100;
  static final int MAX_STRING_VALUE = 100;

  private static final int STRING = 3;
  private static final int INTEGER = 4;
  private static final int NUMBER = 10;
  private static final long MAX_INT53 = (1L << 53) - 1;

  private AutocompleteChoices() {}

  /**
   * Refuses {@code data} with 50035 unless it suits the option focused in {@code interactionData}.
   */
  static void validate(JsonNode interactionData, JsonNode data) {
    JsonNode choices = data.path("choices");
    FormErrors errors = new FormErrors();
    if (choices.size() > MAX_CHOICES) {
      errors.maxLength("data.choices", MAX_CHOICES).throwIfAny();
    }
    int optionType = focusedType(interactionData.path("options"));
    for (int i = 0; i < choices.size(); i++) {
      String at = "data.choices." + i + ".";
      JsonNode name = choices.get(i).get("name");
      if (name == null || name.isNull()) {
        errors.add(at + "name", "BASE_TYPE_REQUIRED", "This field is required");
      } else if (name.asText().isEmpty() || name.asText().length() > MAX_NAME) {
        errors.add(
            at + "name",
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and " + MAX_NAME + " in length.");
      }
      checkValue(choices.get(i).get("value"), optionType, at + "value", errors);
    }
    errors.throwIfAny();
  }

  private static void checkValue(JsonNode value, int optionType, String at, FormErrors errors) {
    if (value == null || value.isNull()) {
      errors.add(at, "BASE_TYPE_REQUIRED", "This field is required");
      return;
    }
    switch (optionType) {
      case STRING -> {
        if (!value.isTextual()) {
          errors.add(at, "BASE_TYPE_STRING", "Could not interpret \"" + value + "\" as string.");
        } else if (value.asText().length() > MAX_STRING_VALUE) {
          errors.maxLength(at, MAX_STRING_VALUE);
        }
      }
      case INTEGER -> checkInteger(value, at, errors);
      case NUMBER -> {
        if (decimal(value) == null) {
          errors.add(at, "NUMBER_TYPE_COERCE", "Value \"" + value.asText() + "\" is not float.");
        }
      }
      default -> {
        // Only STRING, INTEGER and NUMBER options can have autocomplete.
      }
    }
  }

  private static void checkInteger(JsonNode value, String at, FormErrors errors) {
    BigDecimal number = decimal(value);
    if (number == null || number.stripTrailingZeros().scale() > 0) {
      errors.add(at, "NUMBER_TYPE_COERCE", "Value \"" + value.asText() + "\" is not int.");
    } else if (number.compareTo(BigDecimal.valueOf(MAX_INT53)) > 0) {
      errors.add(
          at, "NUMBER_TYPE_MAX", "int53 value should be less than or equal to " + MAX_INT53 + ".");
    } else if (number.compareTo(BigDecimal.valueOf(-MAX_INT53)) < 0) {
      errors.add(
          at,
          "NUMBER_TYPE_MIN",
          "int53 value should be greater than or equal to " + -MAX_INT53 + ".");
    }
  }

  /** A JSON number, or a string holding one (Discord coerces those), else null. */
  private static BigDecimal decimal(JsonNode value) {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (!value.isTextual()) {
      return null;
    }
    try {
      return new BigDecimal(value.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int focusedType(JsonNode options) {
    for (JsonNode option : options) {
      if (option.path("focused").asBoolean(false)) {
        return option.path("type").asInt();
      }
      int nested = focusedType(option.path("options"));
      if (nested != 0) {
        return nested;
      }
    }
    return 0;
  }
}
