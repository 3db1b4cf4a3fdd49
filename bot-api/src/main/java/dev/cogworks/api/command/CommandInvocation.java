package dev.cogworks.api.command;

import dev.cogworks.api.messaging.Results.SentMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * One run of a command, the same whether it came as {@code /name} or {@code !name}: who ran it,
 * where, with which options (already converted to their kinds), and how to answer. The JDA entities
 * are for reading (names, roles, permissions); every answer goes through the MessagingQueue, like
 * every other Discord call of a cog.
 */
public interface CommandInvocation {
  /** The full command name, with subcommands: {@code "role add"}. */
  String commandName();

  /** True for a slash command, false for a prefix (or mention) command. */
  boolean isSlash();

  /** How the user invokes commands here: {@code "/"} or the prefix they used. */
  String prefix();

  User user();

  /** The member who ran it; null outside a guild. */
  Member member();

  Guild guild();

  MessageChannel channel();

  default long channelId() {
    return channel().getIdLong();
  }

  Optional<String> string(String option);

  Optional<Long> integer(String option);

  Optional<Double> number(String option);

  Optional<Boolean> bool(String option);

  Optional<User> user(String option);

  Optional<Role> role(String option);

  Optional<GuildChannel> channel(String option);

  /**
   * Answers the command: for a slash command the first answer fills in its response and later ones
   * are follow-ups; for a prefix command each answer is a reply to its message (pinging no one).
   * The future completes with the message(s) made, on the cog executor.
   */
  CompletableFuture<SentMessage> reply(Reply reply);

  default CompletableFuture<SentMessage> reply(String content) {
    return reply(Reply.of(content));
  }

  /**
   * Replaces the first answer (the slash command's response, or the first reply message), for
   * example to show progress; fails if nothing was answered yet.
   */
  CompletableFuture<Void> editReply(Reply reply);
}
