package dev.cogworks.api.command;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * One run of a command, the same whether it came as {@code /name} or {@code !name}: who ran it,
 * where, with which options (already converted to their kinds), and how to answer.
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

  JDA jda();

  Optional<String> string(String option);

  Optional<Long> integer(String option);

  Optional<Double> number(String option);

  Optional<Boolean> bool(String option);

  Optional<User> user(String option);

  Optional<Role> role(String option);

  Optional<GuildChannel> channel(String option);

  /** Answers the command: a reply to the slash command or to the prefix message. */
  CompletableFuture<Void> reply(String content);
}
