package dev.cogworks.music;

import dev.cogworks.api.command.CommandException;
import dev.cogworks.api.command.CommandInvocation;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;

/**
 * Who runs a music command and what they may do: DJs (the server's {@code music.dj_role}, or Manage
 * Server) may skip, remove and stop anything; others skip and remove their own tracks and vote.
 */
record Caller(long guildId, long userId, long channelId, boolean dj) {
  static Caller of(CommandInvocation invocation, Optional<Long> djRole) {
    Member member = invocation.member();
    if (member == null || invocation.guild() == null) {
      throw new CommandException("Music plays in servers only.");
    }
    boolean dj =
        member.hasPermission(Permission.MANAGE_SERVER)
            || djRole
                .map(id -> member.getRoles().stream().anyMatch(r -> r.getIdLong() == id))
                .orElse(false);
    return new Caller(
        invocation.guild().getIdLong(), member.getIdLong(), invocation.channelId(), dj);
  }
}
