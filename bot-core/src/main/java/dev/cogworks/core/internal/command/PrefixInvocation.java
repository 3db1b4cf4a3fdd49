package dev.cogworks.core.internal.command;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Message;

/** A command typed as a message; answers with a reply to that message, pinging nobody. */
final class PrefixInvocation extends BoundInvocation {
  private final Message message;
  private final String prefix;

  PrefixInvocation(String commandName, String prefix, Message message, Map<String, Object> values) {
    super(commandName, message.getAuthor(), message.getMember(), message.getChannel(), values);
    this.message = message;
    this.prefix = prefix;
  }

  @Override
  public boolean isSlash() {
    return false;
  }

  @Override
  public String prefix() {
    return prefix;
  }

  @Override
  public CompletableFuture<Void> reply(String content) {
    return message
        .reply(content)
        .mentionRepliedUser(false)
        .setAllowedMentions(java.util.EnumSet.noneOf(Message.MentionType.class))
        .submit()
        .thenApply(sent -> null);
  }
}
