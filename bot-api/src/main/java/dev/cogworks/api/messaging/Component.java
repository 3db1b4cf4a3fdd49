package dev.cogworks.api.messaging;

import java.util.List;
import java.util.Objects;

/**
 * A message component inside an {@link ActionRow}: a button or a select menu. A click reaches the
 * cog whose component custom id it is; the limits are Discord's, checked here so a bad component
 * fails where it is built, not at Discord.
 */
public sealed interface Component {
  /** The id an interaction carries back (null for link buttons). */
  String customId();

  /** A button: a custom id, or a URL for {@link ButtonStyle#LINK}. */
  record Button(ButtonStyle style, String label, String customId, String url, boolean disabled)
      implements Component {
    public Button {
      Objects.requireNonNull(style, "style");
      if (label == null || label.isEmpty() || label.length() > 80) {
        throw new IllegalArgumentException("a button label must be 1-80 characters");
      }
      if (style == ButtonStyle.LINK) {
        if (url == null || customId != null) {
          throw new IllegalArgumentException("a link button has a url and no custom id");
        }
      } else {
        checkCustomId(customId);
        if (url != null) {
          throw new IllegalArgumentException("only link buttons have a url");
        }
      }
    }

    public static Button of(ButtonStyle style, String customId, String label) {
      return new Button(style, label, customId, null, false);
    }

    public static Button link(String url, String label) {
      return new Button(ButtonStyle.LINK, label, null, url, false);
    }

    public Button asDisabled() {
      return new Button(style, label, customId, url, true);
    }
  }

  /** A menu of up to 25 options, of which between {@code minValues} and {@code maxValues}. */
  record SelectMenu(
      String customId,
      String placeholder,
      List<SelectOption> options,
      int minValues,
      int maxValues,
      boolean disabled)
      implements Component {
    public SelectMenu {
      checkCustomId(customId);
      options = List.copyOf(options);
      if (options.isEmpty() || options.size() > 25) {
        throw new IllegalArgumentException("a select menu has 1-25 options");
      }
      if (minValues < 0 || maxValues < Math.max(1, minValues) || maxValues > options.size()) {
        throw new IllegalArgumentException(
            "a select menu needs 0 <= minValues <= maxValues <= options");
      }
      if (placeholder != null && placeholder.length() > 150) {
        throw new IllegalArgumentException("a placeholder is at most 150 characters");
      }
    }

    public static SelectMenu of(String customId, String placeholder, List<SelectOption> options) {
      return new SelectMenu(customId, placeholder, options, 1, 1, false);
    }
  }

  /** One option of a {@link SelectMenu}. */
  record SelectOption(String label, String value, String description, boolean isDefault) {
    public SelectOption {
      if (label == null || label.isEmpty() || label.length() > 100) {
        throw new IllegalArgumentException("an option label must be 1-100 characters");
      }
      if (value == null || value.isEmpty() || value.length() > 100) {
        throw new IllegalArgumentException("an option value must be 1-100 characters");
      }
    }

    public static SelectOption of(String label, String value) {
      return new SelectOption(label, value, null, false);
    }
  }

  private static void checkCustomId(String customId) {
    if (customId == null || customId.isEmpty() || customId.length() > 100) {
      throw new IllegalArgumentException("a custom id must be 1-100 characters");
    }
  }
}
