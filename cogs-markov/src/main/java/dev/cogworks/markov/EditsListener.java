package dev.cogworks.markov;

import java.util.List;
import net.dv8tion.jda.api.events.message.MessageBulkDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

/**
 * Deleted messages are forgotten and edited ones relearned while the bot watches; the store is
 * touched on the cog's I/O pool, never on JDA's event thread.
 */
final class EditsListener extends ListenerAdapter {
  private final MarkovCog cog;

  EditsListener(MarkovCog cog) {
    this.cog = cog;
  }

  @Override
  public void onMessageDelete(MessageDeleteEvent event) {
    if (event.isFromGuild()
        && learnedIn(event.getGuild().getIdLong(), event.getChannel().getIdLong())) {
      long guild = event.getGuild().getIdLong();
      long id = event.getMessageIdLong();
      cog.ctx().blocking(() -> cog.text().forget(guild, "message_id = ?", id));
    }
  }

  @Override
  public void onMessageBulkDelete(MessageBulkDeleteEvent event) {
    long guild = event.getGuild().getIdLong();
    if (learnedIn(guild, event.getChannel().getIdLong())) {
      List<Long> ids = event.getMessageIds().stream().map(Long::parseLong).toList();
      cog.ctx()
          .blocking(
              () -> {
                ids.forEach(id -> cog.text().forget(guild, "message_id = ?", id));
                return null;
              });
    }
  }

  @Override
  public void onMessageUpdate(MessageUpdateEvent event) {
    if (!event.isFromGuild()
        || !learnedIn(event.getGuild().getIdLong(), event.getChannel().getIdLong())) {
      return;
    }
    long guild = event.getGuild().getIdLong();
    String content = event.getMessage().getContentRaw();
    List<String> tokens =
        event.getAuthor().isBot()
                || cog.cleaner().isCommand(content)
                || MessageCleaner.addressedTo(content, event.getJDA().getSelfUser().getIdLong())
            ? List.of()
            : cog.cleaner().tokens(content, cog.gatherer().emojis(guild));
    long id = event.getMessageIdLong();
    cog.ctx()
        .blocking(
            () -> {
              cog.text().replace(guild, id, tokens);
              return null;
            });
  }

  private boolean learnedIn(long guildId, long channelId) {
    return cog.text() != null && cog.text().model(guildId).channels().contains(channelId);
  }
}
