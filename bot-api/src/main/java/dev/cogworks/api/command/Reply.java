package dev.cogworks.api.command;

import dev.cogworks.api.messaging.ActionRow;
import dev.cogworks.api.messaging.Embed;
import java.util.List;

/**
 * What a command answers: text, embeds and components. An {@code ephemeral} reply to a slash
 * command is seen only by the user who ran it (refusals and errors are sent this way); a prefix
 * command's reply is always a normal reply to its message.
 */
public record Reply(
    String content, List<Embed> embeds, List<ActionRow> components, boolean ephemeral) {
  public Reply {
    content = content == null ? "" : content;
    embeds = embeds == null ? List.of() : List.copyOf(embeds);
    components = components == null ? List.of() : List.copyOf(components);
  }

  public static Reply of(String content) {
    return new Reply(content, List.of(), List.of(), false);
  }

  /** Seen only by the user who ran the slash command. */
  public Reply asEphemeral() {
    return new Reply(content, embeds, components, true);
  }

  public Reply withEmbeds(Embed... embeds) {
    return new Reply(content, List.of(embeds), components, ephemeral);
  }

  public Reply withComponents(ActionRow... rows) {
    return new Reply(content, embeds, List.of(rows), ephemeral);
  }
}
