package dev.cogworks.markov;

import java.util.Comparator;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;

/**
 * What a server is told, once, when learning stops by itself in one of its channels (deleted, or
 * the bot lost access), and where: the server's system channel when the bot may write there, else
 * the oldest channel still learning where it may. With neither, only {@code markov channels} and
 * the log say it.
 */
final class StopNotice {
  private StopNotice() {}

  static Optional<TextChannel> where(Guild guild, MarkovStore store) {
    TextChannel system = guild.getSystemChannel();
    if (system != null && system.canTalk()) {
      return Optional.of(system);
    }
    return guild.getTextChannels().stream()
        .filter(c -> store.learning(c.getIdLong()) && c.canTalk())
        .min(Comparator.comparingLong(TextChannel::getIdLong));
  }

  static String text(long channelId, String reason, boolean lostAccess) {
    return "I stopped learning from <#"
        + channelId
        + ">: "
        + reason
        + "."
        + (lostAccess
            ? " Give me View Channel and Read Message History there, then run `markov on` in it"
                + " to resume."
            : "")
        + " What I learned there stays until it ages out or an admin runs"
        + " `markov off forget:true`; `markov channels` lists every channel.";
  }
}
