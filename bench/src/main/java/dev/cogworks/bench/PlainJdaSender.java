package dev.cogworks.bench;

import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;

/** The anchor: JDA with its default rate limiter, no Cogworks code at all. */
final class PlainJdaSender implements Sender {
  private final JDA jda;

  PlainJdaSender(JDA jda) {
    this.jda = jda;
  }

  @Override
  public CompletableFuture<Long> send(long channel, String content) {
    return jda.getTextChannelById(channel)
        .sendMessage(content)
        .submit()
        .thenApply(m -> m.getIdLong());
  }

  @Override
  public CompletableFuture<?> edit(long channel, long message, String content) {
    return jda.getTextChannelById(channel).editMessageById(message, content).submit();
  }
}
