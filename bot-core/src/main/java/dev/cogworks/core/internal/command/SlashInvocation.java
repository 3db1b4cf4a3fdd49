package dev.cogworks.core.internal.command;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;

/**
 * A slash command. The router defers it at once (Discord allows 3 s to acknowledge), so the first
 * reply fills in the deferred response and later ones are follow-ups.
 */
final class SlashInvocation extends BoundInvocation {
  private final SlashCommandInteractionEvent event;
  private final AtomicBoolean answered = new AtomicBoolean();

  SlashInvocation(SlashCommandInteractionEvent event, Map<String, Object> values) {
    super(
        event.getFullCommandName(), event.getUser(), event.getMember(), event.getChannel(), values);
    this.event = event;
  }

  @Override
  public boolean isSlash() {
    return true;
  }

  @Override
  public String prefix() {
    return "/";
  }

  boolean answered() {
    return answered.get();
  }

  @Override
  public CompletableFuture<Void> reply(String content) {
    var none = java.util.EnumSet.noneOf(Message.MentionType.class);
    if (answered.compareAndSet(false, true)) {
      return event
          .getHook()
          .editOriginal(content)
          .setAllowedMentions(none)
          .submit()
          .thenApply(m -> null);
    }
    return event
        .getHook()
        .sendMessage(content)
        .setAllowedMentions(none)
        .submit()
        .thenApply(m -> null);
  }
}
